import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {FsSection, validatePlan} from '@vmspawn/plan';
import {type FsOptions, applyFs, parseBinds, planFs} from '../src/index.js';
import {fakeFsHost} from './helpers/fake-host.js';
import {scratchDir} from '@vmspawn/testing';

const runtimeDir = '/run/vmspawn/vm-0123abcd';
const context = {runtimeDir: () => runtimeDir, host: fakeFsHost('c')};
const none = {binds: [], extraDrives: [], discard: true} satisfies FsOptions;

test('a directory root is shared as tag root and mounted by the kernel command line', t => {
	const directory = scratchDir(t);
	const section = planFs({...none, directory}, context);
	t.deepEqual(section.root, {
		kind: 'directory',
		path: directory,
		tag: 'root',
		share: {
			socket: `${runtimeDir}/virtiofsd-root.sock`,
			helper: {
				name: 'virtiofsd-root',
				argv: ['/usr/lib/qemu/virtiofsd', `--socket-path=${runtimeDir}/virtiofsd-root.sock`, '-o', `source=${directory}`, '-o', 'xattr', '-o', 'log_level=err'],
				socket: `${runtimeDir}/virtiofsd-root.sock`,
			},
		},
	});
	t.deepEqual(section.kernelArgs, ['root=root', 'rootfstype=virtiofs', 'rw']);
	t.true(FsSection.safeParse(section).success);
});

test('without a root the working directory is shared, as upstream', t => {
	const directory = scratchDir(t);
	const section = planFs({...none, cwd: directory}, context);
	t.is(section.root.kind === 'directory' ? section.root.path : '', directory);
});

test('a directory and an image together are refused', t => {
	const error = t.throws(() => planFs({...none, directory: '/', image: '/x.raw'}, context), {instanceOf: UsageError});
	t.is(error?.message, '--directory= and --image= cannot be used together: the guest has one root, a directory or a disk image');
});

test('a missing or non-directory root directory names --directory', t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'file'), '');
	t.is(
		t.throws(() => planFs({...none, directory: 'nope', cwd: directory}, context), {instanceOf: CliError})?.message,
		`invalid --directory=nope: ${directory}/nope does not exist`,
	);
	t.is(t.throws(() => planFs({...none, directory: 'file', cwd: directory}, context), {instanceOf: CliError})?.exitCode, 20);
});

test('an image root gets the format asked for, its discard setting and no virtiofsd', t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'disk.qcow2'), Buffer.from([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3]));
	const section = planFs(
		{...none, image: 'disk.qcow2', imageFormat: 'qcow2', discard: false, cwd: directory},
		{runtimeDir: () => t.fail('no runtime dir is needed') as never, host: fakeFsHost('c')},
	);
	t.deepEqual(section.root, {kind: 'image', path: join(directory, 'disk.qcow2'), format: 'qcow2', blockDevice: false, discard: false, diskType: 'virtio-blk'});
	t.deepEqual(section.kernelArgs, []);
});

test('private users need a directory root', t => {
	const error = t.throws(() => planFs({...none, image: '/x.raw', privateUsers: {shift: 1, range: 2}}, context), {instanceOf: UsageError});
	t.is(error?.message, '--private-users= is only supported in combination with --directory=');
});

test('each bind gets its own virtiofsd, tag mnt<N> and mount-extra word', t => {
	const directory = scratchDir(t);
	mkdirSync(join(directory, 'a'));
	mkdirSync(join(directory, 'b'));
	const binds = parseBinds({bind: ['a:/srv/a'], bindRo: ['b:/srv/b:c']}, directory);
	const section = planFs({...none, directory, binds}, {runtimeDir: () => runtimeDir, host: fakeFsHost('rust')});
	t.deepEqual(
		section.shares.map(share => [share.tag, share.target, share.readOnly, share.socket, share.helper.name]),
		[
			['mnt0', '/srv/a', false, `${runtimeDir}/virtiofsd-mnt0.sock`, 'virtiofsd-mnt0'],
			['mnt1', '/srv/b:c', true, `${runtimeDir}/virtiofsd-mnt1.sock`, 'virtiofsd-mnt1'],
		],
	);
	t.is(section.shares[1]?.helper.argv.at(-1), '--readonly');
	t.deepEqual(section.kernelArgs.slice(3), ['systemd.mount-extra="mnt0:/srv/a:virtiofs:rw"', 'systemd.mount-extra="mnt1:/srv/b\\x3ac:virtiofs:ro"']);
});

test('a read-only bind with the C virtiofsd runs it under the read-only bind mount wrapper', t => {
	const directory = scratchDir(t);
	const binds = parseBinds({bind: [], bindRo: [`${directory}:/data`]});
	const [share] = planFs({...none, directory, binds}, context).shares;
	t.deepEqual(share?.helper.argv.slice(0, 5), ['/usr/bin/unshare', '--mount', '--propagation', 'private', '--']);
	t.deepEqual(share?.helper.argv.slice(9), [
		'/usr/bin/mount',
		directory,
		'/usr/lib/qemu/virtiofsd',
		`--socket-path=${runtimeDir}/virtiofsd-mnt0.sock`,
		'-o',
		`source=${directory}`,
		'-o',
		'xattr',
		'-o',
		'log_level=err',
	]);
	t.is(share?.helper.socket, `${runtimeDir}/virtiofsd-mnt0.sock`);
});

test('extra drives are made absolute, in order, in the format each asked for', t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'one.raw'), Buffer.alloc(512));
	writeFileSync(join(directory, 'two.qcow2'), Buffer.from([0x51, 0x46, 0x49, 0xfb]));
	writeFileSync(join(directory, 'three.raw'), Buffer.from([0x51, 0x46, 0x49, 0xfb]));
	const extraDrives = [
		{value: 'one.raw', format: 'raw', path: 'one.raw'},
		{value: `qcow2:${directory}/two.qcow2`, format: 'qcow2', path: `${directory}/two.qcow2`},
		{value: 'three.raw', format: 'raw', path: 'three.raw'},
	] as const;
	const section = planFs({...none, directory, extraDrives, cwd: directory}, context);
	t.deepEqual(section.extraDrives, [
		{path: join(directory, 'one.raw'), format: 'raw', blockDevice: false, diskType: 'virtio-blk'},
		{path: join(directory, 'two.qcow2'), format: 'qcow2', blockDevice: false, diskType: 'virtio-blk'},
		{path: join(directory, 'three.raw'), format: 'raw', blockDevice: false, diskType: 'virtio-blk'},
	]);
});

test('extra drives without a disk type take --image-disk-type=, as upstream', t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'root.raw'), Buffer.alloc(512));
	writeFileSync(join(directory, 'one.raw'), Buffer.alloc(512));
	writeFileSync(join(directory, 'two.iso'), Buffer.alloc(512));
	const extraDrives = [
		{value: 'one.raw', format: 'raw', path: 'one.raw'},
		{value: 'scsi-cd:two.iso', format: 'raw', diskType: 'scsi-cd', path: 'two.iso'},
	] as const;
	const section = planFs({...none, image: 'root.raw', imageDiskType: 'nvme', extraDrives, cwd: directory}, context);
	t.like(section.root, {kind: 'image', diskType: 'nvme'});
	t.deepEqual(
		section.extraDrives.map(drive => drive.diskType),
		['nvme', 'scsi-cd'],
	);
	t.true(FsSection.safeParse(section).success);
});

test('--grow-image= and --ephemeral are planned on the image root, the overlay in the runtime directory', t => {
	const directory = scratchDir(t);
	const image = join(directory, 'disk.raw');
	writeFileSync(image, Buffer.alloc(512));
	t.like(planFs({...none, image, growTo: 8192}, context).root, {kind: 'image', growTo: 8192});
	t.like(planFs({...none, image, ephemeral: true}, context).root, {kind: 'image', ephemeral: {overlay: `${runtimeDir}/ephemeral-root.qcow2`}});
	t.false('ephemeral' in planFs({...none, image}, context).root);
});

test('disk combinations upstream refuses are refused in one line before anything is planned', t => {
	const directory = scratchDir(t);
	const image = join(directory, 'disk.raw');
	writeFileSync(image, Buffer.alloc(512));
	const refused = (options: FsOptions) => {
		const error = t.throws(() => planFs(options, {runtimeDir: () => t.fail('nothing is planned') as never, host: fakeFsHost('c')}), {instanceOf: CliError});
		t.false(error?.message.includes('\n'));
		return `${error?.exitCode ?? ''} ${error?.message ?? ''}`;
	};

	const drive = {value: image, format: 'raw', path: image} as const;
	t.is(
		refused({...none, image, ephemeral: true, extraDrives: [drive]}),
		'22 --ephemeral cannot be used with --extra-drive=: only the root image is thrown away at exit',
	);
	t.is(
		refused({...none, directory: '/', ephemeral: true}),
		'22 --ephemeral cannot copy --directory=/: the copy goes beside the directory, and / has nothing beside it',
	);
	t.is(refused({...none, image, imageFormat: 'qcow2', growTo: 4096}), '95 --grow-image= only grows raw images, not qcow2 (grow it with qemu-img resize)');
	t.is(refused({...none, directory, growTo: 4096}), '22 --grow-image= grows a disk image; it needs --image=');
});

test('the root image is raw whatever its first bytes, qcow2 only with --image-format=qcow2', t => {
	const directory = scratchDir(t);
	const image = join(directory, 'disk.img');
	writeFileSync(image, Buffer.from([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3]));
	t.like(planFs({...none, image}, context).root, {kind: 'image', format: 'raw'});
	t.like(planFs({...none, image, imageFormat: 'qcow2'}, context).root, {kind: 'image', format: 'qcow2'});
});

test('a socket path too long for AF_UNIX is refused', t => {
	const directory = scratchDir(t);
	const error = t.throws(() => planFs({...none, directory}, {...context, runtimeDir: () => `/run/${'x'.repeat(90)}`}), {instanceOf: CliError});
	t.regex(error?.message ?? '', /is longer than 107 bytes; choose a shorter runtime directory/);
	t.is(error?.exitCode, 36);
});

test('the stage keeps an incoming runtime directory and other sections untouched', t => {
	const directory = scratchDir(t);
	const incoming = validatePlan({version: '1.0', runtime: {dir: '/run/vmspawn/given-1'}, console: {mode: 'headless'}, custom: {x: 1}});
	const plan = applyFs(incoming, {...none, directory}, fakeFsHost('c'), process.env);
	t.is(plan.runtime, incoming.runtime);
	t.is(plan.console, incoming.console);
	t.deepEqual(plan['custom'], {x: 1});
	t.is(plan.fs?.root.kind === 'directory' ? plan.fs.root.share.socket : '', '/run/vmspawn/given-1/virtiofsd-root.sock');
});

test('the stage picks a runtime directory named after the machine only when a share needs one', t => {
	const directory = scratchDir(t);
	const env = {VMSPAWN_RUNTIME_DIR: '/run/test-vmspawn'};
	const plan = applyFs({version: '1.0'}, {...none, directory, machineName: 'web1'}, fakeFsHost('c'), env);
	t.regex(plan.runtime?.dir ?? '', /^\/run\/test-vmspawn\/web1-[0-9a-f]{8}$/);
	writeFileSync(join(directory, 'disk.raw'), '');
	t.is(applyFs({version: '1.0'}, {...none, image: join(directory, 'disk.raw')}, fakeFsHost('c'), env).runtime, undefined);
});

test('-x with a directory root shares a copy named beside the directory, which the plan records', t => {
	const scratch = scratchDir(t);
	const directory = join(scratch, 'tree');
	mkdirSync(directory);
	const section = planFs({...none, directory, ephemeral: true}, context);
	const copy = section.root.kind === 'directory' ? (section.root.ephemeral?.copy ?? '') : '';
	t.regex(copy, new RegExp(`^${scratch}/\\.#vmspawn\\.tree\\.[\\da-f]{16}$`));
	t.true(section.root.kind === 'directory' && section.root.share.helper.argv.includes(`source=${copy}`), 'virtiofsd serves the copy');
	t.true(FsSection.safeParse(section).success);
});
