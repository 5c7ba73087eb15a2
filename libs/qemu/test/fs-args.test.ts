import test from 'ava';
import type {Section} from '@vmspawn/plan';
import {diskControllerArgs, diskSerial, extraDriveArgs, fsNeedsSharedMemory, rootDiskArgs, virtiofsArgs} from '../src/index.js';

const helper = (socket: string) => ({name: 'virtiofsd', argv: ['/usr/lib/qemu/virtiofsd'], socket});

const directoryFs: Section<'fs'> = {
	root: {
		kind: 'directory',
		path: '/srv/root',
		tag: 'root',
		share: {socket: '/run/vmspawn/vm-1/virtiofsd-root.sock', helper: helper('/run/vmspawn/vm-1/virtiofsd-root.sock')},
	},
	shares: [
		{
			source: '/srv/a',
			target: '/a',
			readOnly: true,
			tag: 'mnt0',
			socket: '/run/vmspawn/vm,1/virtiofsd-mnt0.sock',
			helper: helper('/run/vmspawn/vm,1/virtiofsd-mnt0.sock'),
		},
	],
	extraDrives: [],
	kernelArgs: [],
};

const imageFs: Section<'fs'> = {
	root: {kind: 'image', path: '/var/lib/machines/deb,ian.raw', format: 'raw', blockDevice: false, discard: true},
	shares: [],
	extraDrives: [
		{path: '/srv/data.qcow2', format: 'qcow2', blockDevice: false},
		{path: '/dev/sdb', format: 'raw', blockDevice: true},
	],
	kernelArgs: [],
};

test('each virtiofs share is a socket chardev and a vhost-user-fs device named by its tag', t => {
	t.deepEqual(virtiofsArgs(directoryFs), [
		'-chardev',
		'socket,id=root,path=/run/vmspawn/vm-1/virtiofsd-root.sock',
		'-device',
		'vhost-user-fs-pci,queue-size=1024,chardev=root,tag=root',
		'-chardev',
		'socket,id=mnt0,path=/run/vmspawn/vm,,1/virtiofsd-mnt0.sock',
		'-device',
		'vhost-user-fs-pci,queue-size=1024,chardev=mnt0,tag=mnt0',
	]);
	t.deepEqual(virtiofsArgs(imageFs), []);
});

test('the root image is the first boot disk with its format, discard and serial', t => {
	t.deepEqual(rootDiskArgs(imageFs), [
		'-drive',
		'if=none,id=vmspawn,file=/var/lib/machines/deb,,ian.raw,format=raw,discard=on',
		'-device',
		'virtio-blk-pci,drive=vmspawn,bootindex=1,serial=deb,,ian.raw',
	]);
	const qcow2 = {...imageFs, root: {kind: 'image' as const, path: '/i.qcow2', format: 'qcow2' as const, blockDevice: false, discard: false}};
	t.is(rootDiskArgs(qcow2)[1], 'if=none,id=vmspawn,file=/i.qcow2,format=qcow2,discard=off');
	t.deepEqual(rootDiskArgs(directoryFs), []);
});

test('extra drives are blockdev nodes, block devices through host_device', t => {
	t.deepEqual(extraDriveArgs(imageFs), [
		'-blockdev',
		'driver=qcow2,cache.direct=off,cache.no-flush=on,file.driver=file,file.filename=/srv/data.qcow2,node-name=vmspawn_extra_0',
		'-device',
		'virtio-blk-pci,drive=vmspawn_extra_0,serial=data.qcow2',
		'-blockdev',
		'driver=raw,cache.direct=off,cache.no-flush=on,file.driver=host_device,file.filename=/dev/sdb,node-name=vmspawn_extra_1',
		'-device',
		'virtio-blk-pci,drive=vmspawn_extra_1,serial=sdb',
	]);
});

test('a serial is the file name, or a 20 character hash prefix when the name is longer', t => {
	t.is(diskSerial('/images/abcdefghijklmnop.raw'), 'abcdefghijklmnop.raw');
	t.regex(diskSerial('/images/abcdefghijklmnopq.raw'), /^[0-9a-f]{20}$/);
	t.is(diskSerial('/a/debian-12-generic-amd64.raw'), diskSerial('/b/debian-12-generic-amd64.raw'));
	t.not(diskSerial('/a/debian-12-generic-amd64-a.raw'), diskSerial('/a/debian-12-generic-amd64-b.raw'));
});

const rootOf = (diskType: 'virtio-blk' | 'virtio-scsi' | 'nvme' | 'scsi-cd'): Section<'fs'> => ({
	...imageFs,
	root: {kind: 'image', path: '/var/lib/machines/root.raw', format: 'raw', blockDevice: false, discard: true, diskType},
	extraDrives: [],
});

test('the root disk as each disk type: its device, bootindex 1, the serial, SCSI on the vmspawn_scsi bus', t => {
	t.deepEqual(rootDiskArgs(rootOf('virtio-blk')).slice(2), ['-device', 'virtio-blk-pci,drive=vmspawn,bootindex=1,serial=root.raw']);
	t.deepEqual(rootDiskArgs(rootOf('nvme')).slice(2), ['-device', 'nvme,drive=vmspawn,bootindex=1,serial=root.raw']);
	t.deepEqual(rootDiskArgs(rootOf('virtio-scsi')).slice(2), ['-device', 'scsi-hd,drive=vmspawn,bootindex=1,serial=root.raw,bus=vmspawn_scsi.0']);
	t.deepEqual(rootDiskArgs(rootOf('scsi-cd')), [
		'-drive',
		'if=none,id=vmspawn,file=/var/lib/machines/root.raw,format=raw,discard=off,readonly=on',
		'-device',
		'scsi-cd,drive=vmspawn,bootindex=1,serial=root.raw,bus=vmspawn_scsi.0',
	]);
});

test('one virtio-scsi controller when any disk is SCSI, none otherwise', t => {
	t.deepEqual(diskControllerArgs(rootOf('virtio-blk')), []);
	t.deepEqual(diskControllerArgs(rootOf('nvme')), []);
	t.deepEqual(diskControllerArgs(rootOf('virtio-scsi')), ['-device', 'virtio-scsi-pci,id=vmspawn_scsi']);
	const drives: Section<'fs'> = {
		...rootOf('nvme'),
		extraDrives: [
			{path: '/a.iso', format: 'raw', blockDevice: false, diskType: 'scsi-cd'},
			{path: '/b.raw', format: 'raw', blockDevice: false, diskType: 'virtio-scsi'},
		],
	};
	t.deepEqual(diskControllerArgs(drives), ['-device', 'virtio-scsi-pci,id=vmspawn_scsi']);
	t.deepEqual(diskControllerArgs(directoryFs), []);
});

test('extra drives as each disk type and format; a CD is read-only', t => {
	const fs: Section<'fs'> = {
		...imageFs,
		extraDrives: [
			{path: '/srv/n.qcow2', format: 'qcow2', blockDevice: false, diskType: 'nvme'},
			{path: '/dev/sdc', format: 'raw', blockDevice: true, diskType: 'virtio-scsi'},
			{path: '/srv/c.iso', format: 'raw', blockDevice: false, diskType: 'scsi-cd'},
			{path: '/srv/b.raw', format: 'raw', blockDevice: false, diskType: 'virtio-blk'},
		],
	};
	t.deepEqual(extraDriveArgs(fs), [
		'-blockdev',
		'driver=qcow2,cache.direct=off,cache.no-flush=on,file.driver=file,file.filename=/srv/n.qcow2,node-name=vmspawn_extra_0',
		'-device',
		'nvme,drive=vmspawn_extra_0,serial=n.qcow2',
		'-blockdev',
		'driver=raw,cache.direct=off,cache.no-flush=on,file.driver=host_device,file.filename=/dev/sdc,node-name=vmspawn_extra_1',
		'-device',
		'scsi-hd,drive=vmspawn_extra_1,serial=sdc,bus=vmspawn_scsi.0',
		'-blockdev',
		'driver=raw,cache.direct=off,cache.no-flush=on,file.driver=file,file.filename=/srv/c.iso,node-name=vmspawn_extra_2,read-only=on',
		'-device',
		'scsi-cd,drive=vmspawn_extra_2,serial=c.iso,bus=vmspawn_scsi.0',
		'-blockdev',
		'driver=raw,cache.direct=off,cache.no-flush=on,file.driver=file,file.filename=/srv/b.raw,node-name=vmspawn_extra_3',
		'-device',
		'virtio-blk-pci,drive=vmspawn_extra_3,serial=b.raw',
	]);
});

test('serials: 20 bytes on virtio-blk and NVMe, 30 on SCSI, else a hash prefix of that length', t => {
	const name = '/i/abcdefghijklmnopqrstuvwxyz.raw'; // 30 bytes
	t.regex(diskSerial(name, 'virtio-blk'), /^[0-9a-f]{20}$/);
	t.is(diskSerial(name, 'nvme'), diskSerial(name, 'virtio-blk'));
	t.is(diskSerial(name, 'virtio-scsi'), 'abcdefghijklmnopqrstuvwxyz.raw');
	t.is(diskSerial(name, 'scsi-cd'), 'abcdefghijklmnopqrstuvwxyz.raw');
	t.regex(diskSerial('/i/abcdefghijklmnopqrstuvwxyz0.raw', 'virtio-scsi'), /^[0-9a-f]{30}$/);
	t.true(diskSerial('/i/abcdefghijklmnopqrstuvwxyz0.raw', 'virtio-scsi').startsWith(diskSerial('/i/abcdefghijklmnopqrstuvwxyz0.raw', 'nvme')));
});

test("an ephemeral root is its qcow2 overlay; the serial is still the image's name", t => {
	const fs: Section<'fs'> = {
		...imageFs,
		root: {
			kind: 'image',
			path: '/img/deb.raw',
			format: 'raw',
			blockDevice: false,
			discard: true,
			ephemeral: {overlay: '/run/vmspawn/deb-1/ephemeral-root.qcow2'},
		},
	};
	t.deepEqual(rootDiskArgs(fs), [
		'-drive',
		'if=none,id=vmspawn,file=/run/vmspawn/deb-1/ephemeral-root.qcow2,format=qcow2,discard=on',
		'-device',
		'virtio-blk-pci,drive=vmspawn,bootindex=1,serial=deb.raw',
	]);
});

test('shared memory is needed exactly when virtiofs is used', t => {
	t.true(fsNeedsSharedMemory(directoryFs));
	t.false(fsNeedsSharedMemory(imageFs));
	t.true(fsNeedsSharedMemory({...imageFs, shares: directoryFs.shares}));
	t.false(fsNeedsSharedMemory(undefined));
});
