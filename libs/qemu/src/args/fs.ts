import {createHash} from 'node:crypto';
import {basename} from 'node:path';
import type {Section} from '@vmspawn/plan';
import {keyValues} from '../escape.js';

type Fs = Section<'fs'>;

// virtio-blk serials hold 20 bytes; a longer file name becomes a hash prefix, as newer upstream does.
const maxSerialBytes = 20;

export function diskSerial(path: string): string {
	const name = basename(path);
	return Buffer.byteLength(name) <= maxSerialBytes ? name : createHash('sha256').update(name).digest('hex').slice(0, maxSerialBytes);
}

function virtiofsDevice(tag: string, socket: string): string[] {
	return [
		'-chardev', `socket,${keyValues([['id', tag], ['path', socket]])}`,
		'-device', `vhost-user-fs-pci,${keyValues([['queue-size', 1024], ['chardev', tag], ['tag', tag]])}`,
	];
}

/** One vhost-user-fs device per virtiofsd: the root directory first, then the binds. */
export function virtiofsArgs(fs: Fs): string[] {
	return [
		...(fs.root.kind === 'directory' ? virtiofsDevice(fs.root.tag, fs.root.share.socket) : []),
		...fs.shares.flatMap(share => virtiofsDevice(share.tag, share.socket)),
	];
}

/** The root disk image as the first boot device. */
export function rootDiskArgs(fs: Fs): string[] {
	if (fs.root.kind !== 'image') {
		return [];
	}

	return [
		'-drive', keyValues([['if', 'none'], ['id', 'vmspawn'], ['file', fs.root.path], ['format', fs.root.format], ['discard', fs.root.discard]]),
		'-device', `virtio-blk-pci,${keyValues([['drive', 'vmspawn'], ['bootindex', 1], ['serial', diskSerial(fs.root.path)]])}`,
	];
}

/** --extra-drive: one blockdev node and virtio-blk device each, block devices as host_device. */
export function extraDriveArgs(fs: Fs): string[] {
	return fs.extraDrives.flatMap((drive, index) => {
		const node = `vmspawn_extra_${index}`;
		return [
			'-blockdev', keyValues([
				['driver', drive.format],
				['cache.direct', false],
				['cache.no-flush', true],
				['file.driver', drive.blockDevice ? 'host_device' : 'file'],
				['file.filename', drive.path],
				['node-name', node],
			]),
			'-device', `virtio-blk-pci,${keyValues([['drive', node], ['serial', diskSerial(drive.path)]])}`,
		];
	});
}

/** virtiofs needs the guest's memory in a shared memory backend. */
export function fsNeedsSharedMemory(fs: Fs | undefined): boolean {
	return fs !== undefined && (fs.root.kind === 'directory' || fs.shares.length > 0);
}
