import {mkdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {detectDiskFormat, inspectDisk} from '../src/index.js';
import {tempDir} from './helpers/temp.js';

test('qcow2 is told by its magic, everything else is raw', t => {
	t.is(detectDiskFormat(Buffer.from('QFI\u00FB\u0000\u0000\u0000\u0003', 'latin1')), 'qcow2');
	t.is(detectDiskFormat(Buffer.from('QFI')), 'raw');
	t.is(detectDiskFormat(Buffer.alloc(512)), 'raw');
	t.is(detectDiskFormat(Buffer.alloc(0)), 'raw');
});

test('regular files are inspected by their first bytes', t => {
	const directory = tempDir(t);
	writeFileSync(join(directory, 'disk.qcow2'), Buffer.from([0x51, 0x46, 0x49, 0xFB, 0, 0, 0, 3]));
	writeFileSync(join(directory, 'disk.raw'), Buffer.alloc(4096));
	writeFileSync(join(directory, 'empty.img'), '');
	t.deepEqual(inspectDisk('image', 'disk.qcow2', join(directory, 'disk.qcow2')), {format: 'qcow2', blockDevice: false});
	t.deepEqual(inspectDisk('image', 'disk.raw', join(directory, 'disk.raw')), {format: 'raw', blockDevice: false});
	t.deepEqual(inspectDisk('extra-drive', 'empty.img', join(directory, 'empty.img')), {format: 'raw', blockDevice: false});
});

test('a missing drive is ENOENT and names the option', t => {
	const directory = tempDir(t);
	const error = t.throws(() => inspectDisk('extra-drive', 'gone.img', join(directory, 'gone.img')), {instanceOf: CliError});
	t.is(error?.message, `invalid --extra-drive=gone.img: ${join(directory, 'gone.img')} does not exist`);
	t.is(error?.exitCode, 2);
});

test('a directory or character device is not a drive', t => {
	const directory = tempDir(t);
	mkdirSync(join(directory, 'dir'));
	const isDirectory = t.throws(() => inspectDisk('extra-drive', 'dir', join(directory, 'dir')), {instanceOf: CliError});
	t.is(isDirectory?.message, 'invalid --extra-drive=dir: expected a regular file or block device, not a directory');
	t.is(isDirectory?.exitCode, 21);
	const character = t.throws(() => inspectDisk('extra-drive', '/dev/null', '/dev/null'), {instanceOf: CliError});
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
const noBlockDevice = ' — skipped: no loop device node on this host';
const device = blockDevice ?? '';

(blockDevice ? test : test.skip)(`a block device is attached raw${blockDevice ? '' : noBlockDevice}`, t => {
	t.deepEqual(inspectDisk('image', device, device, () => Buffer.alloc(4)), {format: 'raw', blockDevice: true});
});

(blockDevice ? test : test.skip)(`a block device holding qcow2 is refused${blockDevice ? '' : noBlockDevice}`, t => {
	const error = t.throws(() => inspectDisk('image', device, device, () => Buffer.from([0x51, 0x46, 0x49, 0xFB])), {instanceOf: CliError});
	t.is(error?.message, `invalid --image=${device}: block device ${device} holds a qcow2 image; only raw is supported on block devices`);
	t.is(error?.exitCode, 22);
});
