import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {type Plan, validatePlan} from '@vmspawn/plan';
import {scratchDir} from '@vmspawn/testing';
import {runMain} from './helpers.js';

/** The one JSON line written to stdout, validated as a plan. */
function planOf(stdout: string): Plan {
	if (!stdout.endsWith('}\n') || stdout.indexOf('\n') !== stdout.length - 1) {
		throw new Error(`expected one JSON line, got ${stdout}`);
	}

	return validatePlan(JSON.parse(stdout));
}

test('a directory root with binds becomes the fs section, with a runtime directory for the sockets', async t => {
	const directory = scratchDir(t);
	mkdirSync(join(directory, 'root'));
	mkdirSync(join(directory, 'data'));
	const {status, stdout, stderr} = await runMain(t, ['-D', 'root', '--bind-ro=data:/srv/data', '-M', 'web1'], {cwd: directory});
	t.is(status, 0);
	t.is(stderr, '');
	const plan = planOf(stdout);
	t.regex(plan.runtime?.dir ?? '', /^\/run\/vmspawn-test\/web1-[0-9a-f]{8}$/);
	t.deepEqual(plan.fs?.kernelArgs, ['root=root', 'rootfstype=virtiofs', 'rw', 'systemd.mount-extra="mnt0:/srv/data:virtiofs:ro"']);
	t.is(plan.fs?.root.kind, 'directory');
	t.deepEqual(
		plan.fs?.shares.map(share => [share.source, share.target, share.readOnly, share.tag]),
		[[join(directory, 'data'), '/srv/data', true, 'mnt0']],
	);
	t.is(plan.fs?.shares[0]?.helper.argv[0], '/usr/bin/unshare');
});

test('the incoming plan passes through and its runtime directory is used', async t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'disk.raw'), Buffer.alloc(1024));
	const incoming = {
		version: '1.0',
		runtime: {dir: '/run/vmspawn/x-1'},
		machine: {name: 'x', arch: 'x86_64', type: 'q35', cpus: '1', ramMiB: 512, accelerator: 'tcg'},
		extra: [1, 2],
	};
	const {stdout} = await runMain(t, ['--image', join(directory, 'disk.raw'), '--discard-disk=no', `--extra-drive=${join(directory, 'disk.raw')}`], {
		stdin: JSON.stringify(incoming),
	});
	const plan = planOf(stdout);
	t.deepEqual(plan.machine, incoming.machine);
	t.deepEqual(plan.runtime, incoming.runtime);
	t.deepEqual(plan['extra'], [1, 2]);
	t.deepEqual(plan.fs, {
		root: {kind: 'image', path: join(directory, 'disk.raw'), format: 'raw', blockDevice: false, discard: false, diskType: 'virtio-blk'},
		shares: [],
		extraDrives: [{path: join(directory, 'disk.raw'), format: 'raw', blockDevice: false, diskType: 'virtio-blk'}],
		kernelArgs: [],
	});
});

test('an image-only plan from an empty stdin gets no runtime directory', async t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'disk.raw'), '');
	const plan = planOf((await runMain(t, ['-i', 'disk.raw'], {stdin: '', cwd: directory})).stdout);
	t.is(plan.runtime, undefined);
	t.is(plan.fs?.root.kind === 'image' && plan.fs.root.discard, true);
});

for (const [args, type, message] of [
	[['-D', '/', '-i', '/x.raw'], UsageError, /^--directory= and --image= cannot be used together/],
	[['--discard-disk=maybe', '-D', '/'], UsageError, /^invalid --discard-disk=maybe: expected a boolean/],
	[['--private-users=lots'], UsageError, /^invalid --private-users=lots: expected UID_SHIFT\[:UID_RANGE\]/],
	[['--private-users=100000', '-D', '/'], CliError, /^--private-users= needs a virtiofsd that maps user ids/],
	[['-M', 'bad name'], UsageError, /^invalid --machine=bad name: expected a valid host name/],
	[['--bind=/nonexistent-vmspawn-test:/x'], CliError, /^invalid --bind=\/nonexistent-vmspawn-test:\/x: \/nonexistent-vmspawn-test does not exist$/],
	[['--extra-drive=/'], CliError, /^invalid --extra-drive=\/: expected a regular file or block device, not a directory$/],
	[['--image-format=vmdk', '-D', '/'], UsageError, /^invalid --image-format=vmdk: expected raw or qcow2$/],
	[['--extra-drive=qcow2:'], UsageError, /^invalid --extra-drive=qcow2:: expected \[FORMAT:\]\[DISKTYPE:\]PATH with a path$/],
	[['-D', '/', 'stray'], UsageError, /^unexpected argument stray/],
] as const) {
	test(`${args.join(' ')} is refused with a message naming the problem`, async t => {
		const error = await t.throwsAsync(runMain(t, args), {instanceOf: type});
		t.regex(error?.message ?? '', message);
	});
}

test('--help lists every option', async t => {
	const {status, stdout} = await runMain(t, ['--help']);
	t.is(status, 0);
	for (const option of [
		'-D, --directory=PATH',
		'-i, --image=PATH',
		'--bind=SRC[:DST]',
		'--bind-ro=SRC[:DST]',
		'--private-users=UID_SHIFT[:UID_RANGE]',
		'--image-format=FORMAT',
		'--extra-drive=[FORMAT:][DISKTYPE:]PATH',
		'--image-disk-type=TYPE',
		'-G, --grow-image=BYTES',
		'-x, --ephemeral',
		'--discard-disk=BOOL',
		'-M, --machine=NAME',
		'--quiet',
		'--version',
	]) {
		t.true(stdout.includes(option), option);
	}
});
