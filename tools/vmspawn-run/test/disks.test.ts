import {mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {runSourceCli} from '@vmspawn/testing';
import {runMain} from './helpers.js';

const cli = fileURLToPath(new URL('fixtures/fake-host-cli.ts', import.meta.url));

type DryRun = {plan: Record<string, any>; argv: string[]};

function images(t: {teardown: (fn: () => void) => void}): {dir: string; root: string; data: string} {
	const dir = mkdtempSync(join(tmpdir(), 'vmspawn-disks-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const root = join(dir, 'root.raw');
	const data = join(dir, 'data.raw');
	writeFileSync(root, Buffer.alloc(4096));
	writeFileSync(data, Buffer.alloc(4096));
	return {dir, root, data};
}

const base = ['--dry-run', '-q', '--kvm=no', '--firmware=none', '--tpm=no', '--vsock=no', '--linux=/k'];
// The kernel command line comes last: every word after the first one is the kernel's.
const dryRun = async (args: readonly string[], env?: NodeJS.ProcessEnv) => runMain([...base, ...args, 'root=/dev/vda'], env);

test('--image-disk-type= and --extra-drive=FORMAT:DISKTYPE: reach the plan and the argv', async t => {
	const {root, data} = images(t);
	const {status, stdout} = await dryRun([`--image=${root}`, '--image-disk-type=nvme', `--extra-drive=raw:scsi-cd:${data}`, `--extra-drive=${data}`]);
	t.is(status, 0);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.like(plan['fs'].root, {diskType: 'nvme'});
	t.deepEqual(
		plan['fs'].extraDrives.map((drive: {diskType: string}) => drive.diskType),
		['scsi-cd', 'nvme'],
	);
	t.true(argv.includes('virtio-scsi-pci,id=vmspawn_scsi'));
	t.true(argv.includes('nvme,drive=vmspawn,bootindex=1,serial=root.raw'));
	t.true(argv.includes('scsi-cd,drive=vmspawn_extra_0,serial=data.raw,bus=vmspawn_scsi.0'));
	t.true(argv.includes('nvme,drive=vmspawn_extra_1,serial=data.raw'));
});

test('--dry-run never grows the image nor makes an overlay; the plan says what a run would do', async t => {
	const {dir, root} = images(t);
	const runtime = join(dir, 'run');
	const {status, stdout} = await dryRun([`--image=${root}`, '--grow-image=1M', '--ephemeral'], {...process.env, VMSPAWN_RUNTIME_DIR: runtime});
	t.is(status, 0);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['fs'].root.growTo, 1 << 20);
	t.is(plan['fs'].root.ephemeral.overlay, `${plan['runtime'].dir}/ephemeral-root.qcow2`);
	t.regex(plan['machine'].name, /^root-[0-9a-f]{16}$/);
	t.true(argv.includes(`if=none,id=vmspawn,file=${plan['runtime'].dir}/ephemeral-root.qcow2,format=qcow2,discard=on`));
	t.is(statSync(root).size, 4096);
	t.deepEqual(readdirSync(dir).sort(), ['data.raw', 'root.raw']);
});

test('two ephemeral runs of one image get different names; -M keeps the name as given', async t => {
	const {root} = images(t);
	const names = await Promise.all(
		[1, 2].map(async () => (JSON.parse((await dryRun([`--image=${root}`, '-x'])).stdout) as DryRun).plan['machine'].name as string),
	);
	t.not(names[0], names[1]);
	const named = JSON.parse((await dryRun([`--image=${root}`, '-x', '-M', 'vm1'])).stdout) as DryRun;
	t.is(named.plan['machine'].name, 'vm1');
});

for (const [why, options, message, status] of [
	['an unknown disk type', ['--image-disk-type=ide'], 'invalid --image-disk-type=ide: expected virtio-blk, virtio-scsi, nvme, scsi-cd', 22],
	['growing a qcow2', ['--image-format=qcow2', '-G', '1G'], '--grow-image= only grows raw images, not qcow2 (grow it with qemu-img resize)', 95],
	[
		'--ephemeral with --extra-drive',
		['--ephemeral', 'EXTRA'],
		'--ephemeral cannot be used with --extra-drive=: only the root image is thrown away at exit',
		22,
	],
] as const) {
	test(`${why} is one line, a non-zero exit, nothing started`, async t => {
		const {dir, root, data} = images(t);
		const args = options.map(option => (option === 'EXTRA' ? `--extra-drive=${data}` : option));
		const result = await runSourceCli(cli, ['-q', '--kvm=no', '--firmware=none', '--tpm=no', '--vsock=no', '--linux=/k', `--image=${root}`, ...args], {
			env: {...process.env, VMSPAWN_RUNTIME_DIR: join(dir, 'run')},
		});
		t.is(result.status, status);
		t.is(result.stdout, '');
		t.is(result.stderr, `vmspawn-run: ${message}\n`);
		t.deepEqual(readdirSync(dir).sort(), ['data.raw', 'root.raw'], 'no runtime directory was made');
		t.is(statSync(root).size, 4096);
	});
}

test('--ephemeral conflicts with an incoming fs section', async t => {
	const {dir, root} = images(t);
	const plan = JSON.parse((await dryRun([`--image=${root}`])).stdout) as DryRun;
	const file = join(dir, 'plan.json');
	writeFileSync(file, JSON.stringify({version: plan.plan['version'], fs: plan.plan['fs']}));
	const error = await t.throwsAsync(dryRun([`--plan=${file}`, '--ephemeral']), {instanceOf: CliError});
	t.is(error?.message, '--ephemeral conflicts with the fs section of the incoming plan; leave the option out or edit the plan');
});
