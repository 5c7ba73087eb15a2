import {mkdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {inspectDisk, parseDiskFormat, parseDriveRequest} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';

const qcow2Header = Buffer.from([0x51, 0x46, 0x49, 0xFB, 0, 0, 0, 3]);

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
	t.is(error?.message, 'invalid --extra-drive=qcow2:: expected [FORMAT:]PATH with a path');
	t.is(error?.exitCode, 22);
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

(blockDevice ? test : test.skip)(`a block device is attached in the format asked for${blockDevice ? '' : ' (skipped: no loop device node on this host)'}`, t => {
	t.deepEqual(inspectDisk('image', blockDevice!, blockDevice!, 'raw'), {format: 'raw', blockDevice: true});
	t.deepEqual(inspectDisk('image', blockDevice!, blockDevice!, 'qcow2'), {format: 'qcow2', blockDevice: true});
});
