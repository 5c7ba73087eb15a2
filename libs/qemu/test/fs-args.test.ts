import test from 'ava';
import type {Section} from '@vmspawn/plan';
import {diskSerial, extraDriveArgs, fsNeedsSharedMemory, rootDiskArgs, virtiofsArgs} from '../src/index.js';

const helper = (socket: string) => ({name: 'virtiofsd', argv: ['/usr/lib/qemu/virtiofsd'], socket});

const directoryFs: Section<'fs'> = {
	root: {kind: 'directory', path: '/srv/root', tag: 'root', share: {socket: '/run/vmspawn/vm-1/virtiofsd-root.sock', helper: helper('/run/vmspawn/vm-1/virtiofsd-root.sock')}},
	shares: [{source: '/srv/a', target: '/a', readOnly: true, tag: 'mnt0', socket: '/run/vmspawn/vm,1/virtiofsd-mnt0.sock', helper: helper('/run/vmspawn/vm,1/virtiofsd-mnt0.sock')}],
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
		'-chardev', 'socket,id=root,path=/run/vmspawn/vm-1/virtiofsd-root.sock',
		'-device', 'vhost-user-fs-pci,queue-size=1024,chardev=root,tag=root',
		'-chardev', 'socket,id=mnt0,path=/run/vmspawn/vm,,1/virtiofsd-mnt0.sock',
		'-device', 'vhost-user-fs-pci,queue-size=1024,chardev=mnt0,tag=mnt0',
	]);
	t.deepEqual(virtiofsArgs(imageFs), []);
});

test('the root image is the first boot disk with its format, discard and serial', t => {
	t.deepEqual(rootDiskArgs(imageFs), [
		'-drive', 'if=none,id=vmspawn,file=/var/lib/machines/deb,,ian.raw,format=raw,discard=on',
		'-device', 'virtio-blk-pci,drive=vmspawn,bootindex=1,serial=deb,,ian.raw',
	]);
	const qcow2 = {...imageFs, root: {kind: 'image' as const, path: '/i.qcow2', format: 'qcow2' as const, blockDevice: false, discard: false}};
	t.is(rootDiskArgs(qcow2)[1], 'if=none,id=vmspawn,file=/i.qcow2,format=qcow2,discard=off');
	t.deepEqual(rootDiskArgs(directoryFs), []);
});

test('extra drives are blockdev nodes, block devices through host_device', t => {
	t.deepEqual(extraDriveArgs(imageFs), [
		'-blockdev', 'driver=qcow2,cache.direct=off,cache.no-flush=on,file.driver=file,file.filename=/srv/data.qcow2,node-name=vmspawn_extra_0',
		'-device', 'virtio-blk-pci,drive=vmspawn_extra_0,serial=data.qcow2',
		'-blockdev', 'driver=raw,cache.direct=off,cache.no-flush=on,file.driver=host_device,file.filename=/dev/sdb,node-name=vmspawn_extra_1',
		'-device', 'virtio-blk-pci,drive=vmspawn_extra_1,serial=sdb',
	]);
});

test('a serial is the file name, or a 20 character hash prefix when the name is longer', t => {
	t.is(diskSerial('/images/abcdefghijklmnop.raw'), 'abcdefghijklmnop.raw');
	t.regex(diskSerial('/images/abcdefghijklmnopq.raw'), /^[0-9a-f]{20}$/);
	t.is(diskSerial('/a/debian-12-generic-amd64.raw'), diskSerial('/b/debian-12-generic-amd64.raw'));
	t.not(diskSerial('/a/debian-12-generic-amd64-a.raw'), diskSerial('/a/debian-12-generic-amd64-b.raw'));
});

test('shared memory is needed exactly when virtiofs is used', t => {
	t.true(fsNeedsSharedMemory(directoryFs));
	t.false(fsNeedsSharedMemory(imageFs));
	t.true(fsNeedsSharedMemory({...imageFs, shares: directoryFs.shares}));
	t.false(fsNeedsSharedMemory(undefined));
});
