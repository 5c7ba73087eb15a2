import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {CliError} from '@vmspawn/cli';
import {runMain} from './helpers.js';

type DryRun = {plan: Record<string, any>; argv: string[]; helpers: Array<{name: string; argv: string[]}>};

const rootPartUuid = '0f1d2c3b-4a59-4687-a5b4-c3d2e1f00918';
// Root partition types of the Discoverable Partitions Specification, for the direct boot's root=PARTUUID=.
const rootTypes: Record<string, string> = {x64: '4f68bce3-e8cd-4db1-96e7-fbcaf984b709', arm64: 'b921b045-1df0-41c3-af44-4c6f280d3fae'};

// mkosi reaches the image through a symlink into its output directory.
function imageThroughSymlink(t: ExecutionContext): {dir: string; image: string} {
	const dir = mkdtempSync(join(tmpdir(), 'vmspawn-mkosi-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	mkdirSync(join(dir, 'out'));
	const raw = join(dir, 'out', 'image.raw');
	writeFileSync(raw, Buffer.alloc(4 << 20));
	execFileSync('sfdisk', ['-q', raw], {input: `label: gpt\nstart=2048, type=${rootTypes[process.arch] ?? rootTypes['x64']!}, uuid=${rootPartUuid}\n`});
	symlinkSync(join(dir, 'out', 'image.raw'), join(dir, 'image'));
	mkdirSync(join(dir, 'src'));
	writeFileSync(join(dir, 'image.vmlinuz'), 'kernel');
	return {dir, image: join(dir, 'image')};
}

const credential = 'line one\nkey: value\ttab\n';

/** mkosi 25.3 (Debian trixie): separate words, "" for auto, bytes, raw credential values, kernel words after --image. */
function mkosi25Argv(dir: string, image: string): string[] {
	return [
		'--cpus',
		'1',
		'--ram',
		'2147483648',
		'--kvm',
		'',
		'--vsock',
		'',
		'--tpm',
		'',
		'--secure-boot',
		'no',
		'--register',
		'yes',
		'--console',
		'native',
		'--network-user-mode',
		'--set-credential=firstboot.locale:C.UTF-8',
		'--set-credential=firstboot.timezone:Etc/UTC',
		`--set-credential=multi.line:${credential}`,
		'--bind',
		`${join(dir, 'src')}:/root/src`,
		'--linux',
		join(dir, 'image.vmlinuz'),
		'--image',
		image,
		'rw',
		'systemd.wants=network.target',
		'console=hvc0',
		'TERM=dumb',
	];
}

async function dryRun(t: ExecutionContext, argv: readonly string[]): Promise<DryRun> {
	// A dry run never registers, so mkosi's --register yes needs no machined here.
	const {status, stdout, stderr} = await runMain(['--dry-run', '-q', ...argv]);
	// -q keeps warnings; the one a host without usable KVM gives is not the test's.
	t.is(stderr.replace(/^vmspawn-run: warning: KVM is not usable .*\n/m, ''), '');
	t.is(status, 0);
	return JSON.parse(stdout) as DryRun;
}

test("mkosi 25.3's exact command line plans the run it asks for", async t => {
	const {dir, image} = imageThroughSymlink(t);
	const output = await dryRun(t, mkosi25Argv(dir, image));
	t.is(output.plan['machine'].ramMiB, 2048);
	t.is(output.argv[output.argv.indexOf('-smp') + 1], '1');
	t.is(output.plan['console'].mode, 'native');
	t.is(output.plan['network'].mode, 'user');
	const entries = output.plan['credentials'].entries as Array<{id: string; size: number}>;
	t.deepEqual(entries.map(entry => entry.id).slice(0, 3), ['firstboot.locale', 'firstboot.timezone', 'multi.line']);
	t.is(entries[2]!.size, Buffer.byteLength(credential), 'the value as given, control characters and all');
	t.is(output.plan['fs'].root.kind, 'image');
	const append = output.argv[output.argv.indexOf('-append') + 1]!;
	t.regex(append, /(^| )rw systemd\.wants=network\.target console=hvc0 TERM=dumb( |$)/);
	t.true(append.includes(`root=PARTUUID=${rootPartUuid}`), 'the root partition found through the symlink');
	t.true(
		output.helpers.some(helper => helper.name.startsWith('virtiofsd-')),
		'the --bind share',
	);
});

test("the newest mkosi's separate-word forms are read as the = forms", async t => {
	const {dir, image} = imageThroughSymlink(t);
	const output = await dryRun(t, [
		'--cpus',
		'2',
		'--ram',
		'2G',
		'--kvm',
		'auto',
		'--vsock',
		'auto',
		'--tpm',
		'auto',
		'--tpm-state=off',
		'--secure-boot',
		'no',
		'--console',
		'interactive',
		'--network-user-mode',
		'--set-credential=firstboot.locale:C.UTF-8',
		'--linux',
		join(dir, 'image.vmlinuz'),
		'--image',
		image,
		'rw',
	]);
	t.is(output.plan['machine'].ramMiB, 2048);
	t.is(output.argv[output.argv.indexOf('-smp') + 1], '2');
	t.is(output.plan['console'].mode, 'interactive');
});

test("a bad value among mkosi's words fails in one line and starts nothing", async t => {
	const {dir, image} = imageThroughSymlink(t);
	const argv = mkosi25Argv(dir, image).map(word => (word === '2147483648' ? 'lots' : word));
	const error = await t.throwsAsync(runMain(['--dry-run', ...argv]), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^invalid --ram=lots: [^\n]+$/);
	t.is(error?.exitCode, 22);
});

test('--forward-journal-max-use= without --forward-journal= is refused in one line, as upstream', async t => {
	const error = await t.throwsAsync(runMain(['--dry-run', '--forward-journal-max-use=1T']), {instanceOf: CliError});
	t.regex(error?.message ?? '', /need --forward-journal=$/);
	t.is(error?.exitCode, 22);
});

test('--notify-ready= takes a boolean; anything else is refused in one line before anything starts', async t => {
	const error = await t.throwsAsync(runMain(['--dry-run', '--notify-ready=later']), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^invalid --notify-ready=later: expected a boolean/);
	t.is(error?.exitCode, 22);
});
