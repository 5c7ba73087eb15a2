import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {PLAN_FORMAT_VERSION} from '@vmspawn/plan';
import {planOf, runMain} from './helpers.js';

const machine = {name: 'web1', arch: 'x86_64', type: 'q35', cpus: '1', ramMiB: 2048, accelerator: 'tcg'};
const noSwtpm = {PATH: '/nonexistent', VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'};

test('from no input it writes a new plan with a tpm and a runtime section', async t => {
	const plan = await planOf([]);
	t.is(plan['version'], PLAN_FORMAT_VERSION);
	t.regex(plan['runtime'].dir, /^\/run\/vmspawn-test\/vm-[0-9a-f]{8}$/);
	t.like(plan['tpm'], {enabled: true, persistent: false, stateDir: `${plan['runtime'].dir}/tpm`, socket: `${plan['runtime'].dir}/tpm.sock`});
	t.regex(plan['tpm'].helper.argv[0], /\/swtpm$/);
	t.regex(plan['tpm'].manufacture.argv[0], /\/swtpm_setup$/);
});

test('sections of the incoming plan pass through; its runtime directory and machine are used', async t => {
	const incoming = {version: '1.0', machine, runtime: {dir: '/run/vmspawn/web1-12345678'}, vsock: {enabled: false, reason: 'x'}, custom: {a: 1}};
	const plan = await planOf(['--tpm-state=off'], {stdin: JSON.stringify(incoming)});
	t.deepEqual({...plan, tpm: undefined}, {...incoming, tpm: undefined});
	t.is(plan['tpm'].stateDir, '/run/vmspawn/web1-12345678/tpm');
});

test('-i puts persistent state next to the image, relative to the working directory', async t => {
	const plan = await planOf(['-i', 'disk.raw', '-M', 'db1'], {cwd: '/srv/vms'});
	t.like(plan['tpm'], {stateDir: '/srv/vms/disk.raw.tpmstate', persistent: true});
	t.regex(plan['runtime'].dir, /\/db1-/);
});

test('--tpm-state=PATH keeps the state there', async t => {
	const plan = await planOf(['--tpm-state=state/tpm'], {cwd: '/srv/vms'});
	t.like(plan['tpm'], {stateDir: '/srv/vms/state/tpm', persistent: true});
});

test('--tpm=no writes a disabled section and no runtime directory', async t => {
	const plan = await planOf(['--tpm=no']);
	t.deepEqual(plan, {version: PLAN_FORMAT_VERSION, tpm: {enabled: false, reason: 'disabled with --tpm=no'}});
});

test('--tpm=auto without swtpm on $PATH is off, with the packages to install as the reason', async t => {
	const plan = await planOf([], {env: noSwtpm});
	t.deepEqual(plan['tpm'], {enabled: false, reason: 'swtpm and swtpm_setup not found on $PATH (install the Debian packages swtpm and swtpm-tools)'});
});

test('--tpm=yes without swtpm fails with ENOENT', async t => {
	const error = await t.throwsAsync(runMain(['--tpm=yes'], {env: noSwtpm}), {instanceOf: CliError});
	t.is(error?.exitCode, 2);
	t.is(error?.message, '--tpm=yes, but swtpm and swtpm_setup not found on $PATH (install the Debian packages swtpm and swtpm-tools)');
});

test('a plan for an architecture without TPM support: auto is off, yes is refused', async t => {
	const incoming = JSON.stringify({version: '1.0', machine: {...machine, arch: 'riscv64', type: 'virt'}});
	t.deepEqual((await planOf([], {stdin: incoming}))['tpm'], {enabled: false, reason: 'the TPM is not supported on riscv64'});
	const error = await t.throwsAsync(runMain(['--tpm=yes'], {stdin: incoming}), {instanceOf: CliError});
	t.is(error?.exitCode, 95);
});

for (const [args, message] of [
	[['--tpm=maybe'], /^invalid --tpm=maybe: expected a boolean/],
	[['-M', 'bad name'], /^invalid --machine=bad name: expected a valid host name/],
	[['--frobnicate'], /^unknown option --frobnicate$/],
	[['extra'], /^unexpected argument extra$/],
] as const) {
	test(`${args.join(' ')} is refused with exit 22`, async t => {
		const error = await t.throwsAsync(runMain(args), {instanceOf: CliError});
		t.regex(error?.message ?? '', message);
		t.is(error?.exitCode, 22);
	});
}

test('an invalid incoming plan is refused with the path of the problem', async t => {
	const error = await t.throwsAsync(runMain([], {stdin: '{"version":"1.0","runtime":{"dir":"relative"}}'}));
	t.regex(error?.message ?? '', /plan\.runtime\.dir: expected an absolute path/);
});

test('--help says what will happen at run time, and lists every option', async t => {
	const {status, stdout} = await runMain(['--help']);
	t.is(status, 0);
	t.regex(stdout, /vmspawn-run manufactures the TPM state/);
	for (const option of ['--tpm=BOOL', '--tpm-state=off|auto|PATH', '-M, --machine=NAME', '-i, --image=PATH', '--quiet', '--help', '--version']) {
		t.true(stdout.includes(option), option);
	}
});
