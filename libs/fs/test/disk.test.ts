import {mkdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {inspectDisk, parseDiskFormat, parseDiskType, parseDriveRequest, parseGrowImage} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';

const qcow2Header = Buffer.from([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3]);

test('a file that starts with a qcow2 header is raw unless the user says qcow2', t => {
	const directory = scratchDir(t);
	const planted = join(directory, 'guest-wrote-this.raw');
	writeFileSync(planted, Buffer.concat([qcow2Header, Buffer.alloc(4088)]));
	t.deepEqual(inspectDisk('image', 'guest-wrote-this.raw', planted, 'raw'), {format: 'raw', blockDevice: false});
	t.deepEqual(inspectDisk('extra-drive', 'guest-wrote-this.raw', planted, 'raw'), {format: 'raw', blockDevice: false});
	t.deepEqual(inspectDisk('image', 'disk.qcow2', planted, 'qcow2'), {format: 'qcow2', blockDevice: false});
});

test('--image-format= is raw or qcow2, raw when empty or not given', t => {
	t.is(parseDiskFormat('image-format', undefined), 'raw');
	t.is(parseDiskFormat('image-format', ''), 'raw');
	t.is(parseDiskFormat('image-format', 'raw'), 'raw');
	t.is(parseDiskFormat('image-format', 'qcow2'), 'qcow2');
	const error = t.throws(() => parseDiskFormat('image-format', 'vmdk'), {instanceOf: CliError});
	t.is(error?.message, 'invalid --image-format=vmdk: expected raw or qcow2');
	t.is(error?.exitCode, 22);
});

test('--extra-drive=[FORMAT:]PATH: a leading word is the format only when it names one', t => {
	t.deepEqual(parseDriveRequest('data.img'), {format: 'raw', path: 'data.img'});
	t.deepEqual(parseDriveRequest('qcow2:data.qcow2'), {format: 'qcow2', path: 'data.qcow2'});
	t.deepEqual(parseDriveRequest('raw:/dev/sdb'), {format: 'raw', path: '/dev/sdb'});
	t.deepEqual(parseDriveRequest('raw:qcow2:odd'), {format: 'raw', path: 'qcow2:odd'});
	t.deepEqual(parseDriveRequest('backup:2024.img'), {format: 'raw', path: 'backup:2024.img'});
	t.deepEqual(parseDriveRequest('/srv/a:b.img'), {format: 'raw', path: '/srv/a:b.img'});
});

test('--extra-drive=FORMAT: without a path names the option', t => {
	const error = t.throws(() => parseDriveRequest('qcow2:'), {instanceOf: CliError});
	t.is(error?.message, 'invalid --extra-drive=qcow2:: expected [FORMAT:][DISKTYPE:]PATH with a path');
	t.is(error?.exitCode, 22);
	t.is(t.throws(() => parseDriveRequest('qcow2:nvme:'))?.message, 'invalid --extra-drive=qcow2:nvme:: expected [FORMAT:][DISKTYPE:]PATH with a path');
});

test('--extra-drive=[FORMAT:][DISKTYPE:]PATH: FORMAT then DISKTYPE, each only when it names one', t => {
	t.deepEqual(parseDriveRequest('nvme:data.img'), {format: 'raw', diskType: 'nvme', path: 'data.img'});
	t.deepEqual(parseDriveRequest('qcow2:virtio-scsi:data.qcow2'), {format: 'qcow2', diskType: 'virtio-scsi', path: 'data.qcow2'});
	t.deepEqual(parseDriveRequest('raw:scsi-cd:/srv/a.iso'), {format: 'raw', diskType: 'scsi-cd', path: '/srv/a.iso'});
	t.deepEqual(parseDriveRequest('virtio-blk:/dev/sdb'), {format: 'raw', diskType: 'virtio-blk', path: '/dev/sdb'});
	// A disk type before the format is not taken as a format: the rest is the path.
	t.deepEqual(parseDriveRequest('nvme:qcow2:odd'), {format: 'raw', diskType: 'nvme', path: 'qcow2:odd'});
	t.deepEqual(parseDriveRequest('nvme:nvme:odd'), {format: 'raw', diskType: 'nvme', path: 'nvme:odd'});
	t.deepEqual(parseDriveRequest('floppy:a.img'), {format: 'raw', path: 'floppy:a.img'});
	t.deepEqual(parseDriveRequest('nvme'), {format: 'raw', path: 'nvme'});
});

test('--image-disk-type= is one of the four upstream types, virtio-blk when empty', t => {
	t.is(parseDiskType('image-disk-type', undefined), 'virtio-blk');
	t.is(parseDiskType('image-disk-type', ''), 'virtio-blk');
	for (const type of ['virtio-blk', 'virtio-scsi', 'nvme', 'scsi-cd'] as const) {
		t.is(parseDiskType('image-disk-type', type), type);
	}

	const error = t.throws(() => parseDiskType('image-disk-type', 'ide'), {instanceOf: CliError});
	t.is(error?.message, 'invalid --image-disk-type=ide: expected virtio-blk, virtio-scsi, nvme, scsi-cd');
	t.is(error?.exitCode, 22);
});

test('--grow-image= is a size rounded up to 4096; 0 asks for nothing', t => {
	t.is(parseGrowImage('1G'), 1024 ** 3);
	t.is(parseGrowImage('4097'), 8192);
	t.is(parseGrowImage('1'), 4096);
	t.is(parseGrowImage('0'), undefined);
	t.is(t.throws(() => parseGrowImage('big'))?.message.split(':')[0], 'invalid --grow-image=big');
	t.is(t.throws(() => parseGrowImage('15E'))?.message, 'invalid --grow-image=15E: size too large');
});

test('a missing drive is ENOENT and names the option', t => {
	const directory = scratchDir(t);
	const error = t.throws(() => inspectDisk('extra-drive', 'gone.img', join(directory, 'gone.img'), 'raw'), {instanceOf: CliError});
	t.is(error?.message, `invalid --extra-drive=gone.img: ${join(directory, 'gone.img')} does not exist`);
	t.is(error?.exitCode, 2);
});

test('a directory or character device is not a drive', t => {
	const directory = scratchDir(t);
	mkdirSync(join(directory, 'dir'));
	const isDirectory = t.throws(() => inspectDisk('extra-drive', 'dir', join(directory, 'dir'), 'raw'), {instanceOf: CliError});
	t.is(isDirectory?.message, 'invalid --extra-drive=dir: expected a regular file or block device, not a directory');
	t.is(isDirectory?.exitCode, 21);
	const character = t.throws(() => inspectDisk('extra-drive', '/dev/null', '/dev/null', 'raw'), {instanceOf: CliError});
	t.is(character?.message, 'invalid --extra-drive=/dev/null: expected a regular file or block device, not a character device');
	t.is(character?.exitCode, 22);
});

const blockDevice = ['/dev/loop7', '/dev/loop0'].find(path => {
	try {
		return statSync(path).isBlockDevice();
	} catch {
		return false;
	}
});

(blockDevice ? test : test.skip)(
	`a block device is attached in the format asked for${blockDevice ? '' : ' (skipped: no loop device node on this host)'}`,
	t => {
		t.deepEqual(inspectDisk('image', blockDevice!, blockDevice!, 'raw'), {format: 'raw', blockDevice: true});
		t.deepEqual(inspectDisk('image', blockDevice!, blockDevice!, 'qcow2'), {format: 'qcow2', blockDevice: true});
	},
);
