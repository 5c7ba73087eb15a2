import {createHash} from 'node:crypto';
import {basename} from 'node:path';
import type {DiskType, Section} from '@vmspawn/plan';
import {keyValues} from '../escape.js';

type Fs = Section<'fs'>;

// Serials hold 20 bytes on virtio-blk and NVMe, 30 on SCSI; a longer file name becomes a hash prefix, as upstream 261.
const maxSerialBytes: Record<DiskType, number> = {'virtio-blk': 20, nvme: 20, 'virtio-scsi': 30, 'scsi-cd': 30};

export function diskSerial(path: string, diskType: DiskType = 'virtio-blk'): string {
	const name = basename(path);
	const max = maxSerialBytes[diskType];
	return Buffer.byteLength(name) <= max ? name : createHash('sha256').update(name).digest('hex').slice(0, max);
}

/** The qemu device of each disk type; the SCSI ones sit on the one virtio-scsi controller. */
const deviceDriver: Record<DiskType, string> = {'virtio-blk': 'virtio-blk-pci', 'virtio-scsi': 'scsi-hd', nvme: 'nvme', 'scsi-cd': 'scsi-cd'};
const scsiController = 'vmspawn_scsi';

function isScsi(diskType: DiskType): boolean {
	return diskType === 'virtio-scsi' || diskType === 'scsi-cd';
}

function diskTypes(fs: Fs): DiskType[] {
	return [...(fs.root.kind === 'image' ? [fs.root.diskType ?? 'virtio-blk'] : []), ...fs.extraDrives.map(drive => drive.diskType ?? 'virtio-blk')];
}

/** The virtio-scsi controller, once, when a disk is SCSI; before the disks that plug into it. */
export function diskControllerArgs(fs: Fs): string[] {
	return diskTypes(fs).some(isScsi) ? ['-device', `virtio-scsi-pci,id=${scsiController}`] : [];
}

function diskDevice(diskType: DiskType, drive: string, path: string, bootindex?: number): string[] {
	return [
		'-device',
		`${deviceDriver[diskType]},${keyValues([
			['drive', drive],
			...(bootindex === undefined ? [] : [['bootindex', bootindex] as const]),
			['serial', diskSerial(path, diskType)],
			...(isScsi(diskType) ? [['bus', `${scsiController}.0`] as const] : []),
		])}`,
	];
}

function virtiofsDevice(tag: string, socket: string): string[] {
	return [
		'-chardev',
		`socket,${keyValues([
			['id', tag],
			['path', socket],
		])}`,
		'-device',
		`vhost-user-fs-pci,${keyValues([
			['queue-size', 1024],
			['chardev', tag],
			['tag', tag],
		])}`,
	];
}

/** One vhost-user-fs device per virtiofsd: the root directory first, then the binds. */
export function virtiofsArgs(fs: Fs): string[] {
	return [
		...(fs.root.kind === 'directory' ? virtiofsDevice(fs.root.tag, fs.root.share.socket) : []),
		...fs.shares.flatMap(share => virtiofsDevice(share.tag, share.socket)),
	];
}

/**
 * The root disk image as the first boot device. An ephemeral root is its overlay (qcow2, whose
 * header names the image and its format, written by vmspawn-run); the serial stays the image's name.
 * A CD is read-only, so neither written nor discarded.
 */
export function rootDiskArgs(fs: Fs): string[] {
	const {root} = fs;
	if (root.kind !== 'image') {
		return [];
	}

	const diskType = root.diskType ?? 'virtio-blk';
	const readOnly = diskType === 'scsi-cd';
	const file = root.ephemeral ? {file: root.ephemeral.overlay, format: 'qcow2'} : {file: root.path, format: root.format};
	return [
		'-drive',
		keyValues([
			['if', 'none'],
			['id', 'vmspawn'],
			['file', file.file],
			['format', file.format],
			['discard', root.discard && !readOnly],
			...(readOnly ? [['readonly', true] as const] : []),
		]),
		...diskDevice(diskType, 'vmspawn', root.path, 1),
	];
}

/** --extra-drive: one blockdev node and device each, block devices as host_device. */
export function extraDriveArgs(fs: Fs): string[] {
	return fs.extraDrives.flatMap((drive, index) => {
		const node = `vmspawn_extra_${index}`;
		const diskType = drive.diskType ?? 'virtio-blk';
		return [
			'-blockdev',
			keyValues([
				['driver', drive.format],
				['cache.direct', false],
				['cache.no-flush', true],
				['file.driver', drive.blockDevice ? 'host_device' : 'file'],
				['file.filename', drive.path],
				['node-name', node],
				...(diskType === 'scsi-cd' ? [['read-only', true] as const] : []),
			]),
			...diskDevice(diskType, node, drive.path),
		];
	});
}

/** virtiofs needs the guest's memory in a shared memory backend. */
export function fsNeedsSharedMemory(fs: Fs | undefined): boolean {
	return fs !== undefined && (fs.root.kind === 'directory' || fs.shares.length > 0);
}
