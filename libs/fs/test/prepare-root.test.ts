import {mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {ephemeralCopyRecord, findBinary, realHost} from '@vmspawn/host';
import type {FsRoot} from '@vmspawn/plan';
import {createEphemeralCopy, createOverlay, growImage, prepareImageRoot} from '../src/index.js';
import {fakeHost, scratchDir} from '@vmspawn/testing';

test('a raw image file is grown to the size asked for; a larger one is left alone', t => {
	const image = join(scratchDir(t), 'disk.raw');
	writeFileSync(image, 'data');
	growImage(image, 8192);
	t.is(statSync(image).size, 8192);
	t.is(readFileSync(image).subarray(0, 4).toString(), 'data');
	growImage(image, 4096);
	t.is(statSync(image).size, 8192);
});

test("ATTACK: a symlink planted in the image's place is not followed, so its target is not grown", t => {
	const directory = scratchDir(t);
	const target = join(directory, 'host-file');
	writeFileSync(target, 'secret');
	const image = join(directory, 'disk.raw');
	symlinkSync(target, image);
	const error = t.throws(
		() => {
			growImage(image, 8192);
		},
		{instanceOf: CliError},
	);
	t.is(error?.message, `cannot grow ${image}: it is a symbolic link`);
	t.is(statSync(target).size, 6);
});

test('a character device is not grown', t => {
	t.is(
		t.throws(() => {
			growImage('/dev/null', 8192);
		})?.message,
		'cannot grow /dev/null: it is not a regular file',
	);
});

test("the root's preparation: grow the image, or make the overlay and leave the image alone", t => {
	const root = {kind: 'image', path: '/i.raw', format: 'raw', blockDevice: false, discard: true} as const;
	const host = fakeHost();
	t.is(prepareImageRoot(root, process.env, host).length, 0);
	t.is(prepareImageRoot({...root, growTo: 4096}, process.env, host).length, 1);
	t.is(prepareImageRoot({...root, growTo: 4096, ephemeral: {overlay: '/run/x/o.qcow2'}}, process.env, host).length, 1);
});

test('the overlay names the image and its format and is grown, not the image', async t => {
	const directory = scratchDir(t);
	const image = join(directory, 'disk.raw');
	writeFileSync(image, Buffer.alloc(4096));
	const overlay = join(directory, 'ephemeral-root.qcow2');
	const create = ['/usr/bin/qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', image, overlay];
	const host = fakeHost({answers: {[[...create, String(1 << 20)].join(' ')]: {}, [create.join(' ')]: {}}});
	const root = {kind: 'image', path: image, format: 'raw', blockDevice: false, discard: true, growTo: 1 << 20, ephemeral: {overlay}} as const;
	await createOverlay(root, {PATH: '/usr/bin:/bin'}, host);
	t.deepEqual(host.ran[0], [...create, String(1 << 20)]);
	await createOverlay({...root, growTo: 4096}, {PATH: '/usr/bin:/bin'}, host);
	// Already that large: the overlay takes the image's size.
	t.deepEqual(host.ran[1], create);
	t.is(statSync(image).size, 4096);
});

// scripts/setup.sh installs qemu-img; elsewhere this is a visible skip.
(findBinary('qemu-img', [], process.env) ? test : test.skip)(
	'qemu-img makes a qcow2 overlay backed by the image, which stays untouched (needs qemu-img)',
	async t => {
		const directory = scratchDir(t);
		const image = join(directory, 'disk.raw');
		writeFileSync(image, Buffer.alloc(65_536, 1));
		const overlay = join(directory, 'ephemeral-root.qcow2');
		await createOverlay(
			{kind: 'image', path: image, format: 'raw', blockDevice: false, discard: true, growTo: 1 << 20, ephemeral: {overlay}},
			process.env,
			realHost,
		);
		t.is(readFileSync(overlay).subarray(0, 4).toString('latin1'), 'QFI\u00FB');
		t.is(statSync(image).size, 65_536);
	},
);

test('a failing qemu-img is one line naming the image', async t => {
	const host = fakeHost({answers: {'/usr/bin/qemu-img create -q -f qcow2 -F raw -b /i.raw /run/x/o.qcow2': {code: 1, stderr: 'qemu-img: boom\n'}}});
	const error = await t.throwsAsync(
		createOverlay(
			{kind: 'image', path: '/i.raw', format: 'raw', blockDevice: false, discard: true, ephemeral: {overlay: '/run/x/o.qcow2'}},
			{PATH: '/usr/bin:/bin'},
			host,
		),
	);
	t.is(error?.message, 'cannot create the ephemeral overlay of /i.raw: qemu-img exited with status 1: qemu-img: boom');
});

test('the ephemeral copy is made fresh, recorded in the runtime directory before it is filled, and filled by cp -a --reflink=auto', async t => {
	const scratch = scratchDir(t);
	const path = join(scratch, 'tree');
	const runtimeDir = join(scratch, 'run');
	mkdirSync(path);
	mkdirSync(runtimeDir);
	writeFileSync(join(path, 'file'), 'data');
	const copy = join(scratch, '.#vmspawn.tree.0123456789abcdef');
	const root: Extract<FsRoot, {kind: 'directory'}> = {
		kind: 'directory',
		path,
		tag: 'root',
		share: {socket: '/run/s', helper: {name: 'v', argv: ['v']}},
		ephemeral: {copy},
	};
	const said: string[] = [];
	await createEphemeralCopy(root, runtimeDir, message => said.push(message), process.env, realHost);
	t.is(readFileSync(join(copy, 'file'), 'utf8'), 'data');
	t.is(readFileSync(join(runtimeDir, ephemeralCopyRecord), 'utf8'), `${copy}\n`);
	t.true(said.length <= 1);

	// Anything already there is refused, and so is a plan naming another place.
	await t.throwsAsync(
		createEphemeralCopy(root, join(scratch, 'run2'), () => undefined, process.env, realHost),
		{code: 'EEXIST'},
	);
	const elsewhere = {...root, ephemeral: {copy: join(scratch, 'precious')}};
	const error = await t.throwsAsync(
		createEphemeralCopy(elsewhere, runtimeDir, () => undefined, process.env, realHost),
		{instanceOf: CliError},
	);
	t.regex(error?.message ?? '', /^plan\.fs\.root\.ephemeral\.copy: expected \.#vmspawn\.tree\.<16 hex digits> beside /);
});
