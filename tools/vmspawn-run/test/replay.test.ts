import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {type DryRunOutput, fakeHost, fakeHostEnv, perRunNormalisedArgv, runInProcess, runSourceCli, scratchDir} from '@vmspawn/testing';
import {main} from '../src/index.js';
import {PLAN_FORMAT_VERSION} from '@vmspawn/plan';
import {runMain} from './helpers.js';

type DryRun = Omit<DryRunOutput, 'plan'> & {plan: Record<string, any>; perRun: string[]};

const cli = fileURLToPath(new URL('fixtures/fake-host-cli.ts', import.meta.url));
const fixture = join(import.meta.dirname, 'fixtures', 'plan-1.0.json');

// A VM with a credential from a file, one given on the command line, an SSH key through a picked port and a --port forward.
function vmOptions(dir: string): string[] {
	writeFileSync(join(dir, 'token'), 'from a file');
	return [
		'--kvm=no',
		'-q',
		'-M',
		'replayed',
		'--linux=/boot/vmlinuz',
		'--firmware=none',
		'--tpm=no',
		'-D',
		dir,
		'--network-user-mode',
		'--port=tcp:2080:80',
		`--load-credential=token:${join(dir, 'token')}`,
		'--set-credential=greeting:hello',
		'quiet',
	];
}

async function dryRun(argv: string[]): Promise<DryRun> {
	const {status, stdout, stderr} = await runMain(['--dry-run', ...argv]);
	if (status !== 0) {
		throw new Error(`vmspawn-run exited ${status}: ${stderr}`);
	}

	return JSON.parse(stdout) as DryRun;
}

async function savedPlan(dir: string): Promise<{original: DryRun; file: string}> {
	const original = await dryRun(vmOptions(dir));
	const file = join(dir, 'vm.json');
	writeFileSync(file, JSON.stringify(original.plan));
	return {original, file};
}

test('a plan saved from --dry-run replays with --plan=FILE: the same qemu argv apart from the per-run paths and ports', async t => {
	const {original, file} = await savedPlan(scratchDir(t));
	const replay = await dryRun([`--plan=${file}`, '--set-credential=greeting:hello']);
	t.deepEqual(perRunNormalisedArgv(replay), perRunNormalisedArgv(original));
	t.notDeepEqual(replay.argv, original.argv, 'the per-run parts are made afresh');
	t.not(replay.plan['runtime'].dir, original.plan['runtime'].dir);
	t.not(replay.plan['ssh'].publicKey, original.plan['ssh'].publicKey, 'a new SSH key');
	t.deepEqual(
		replay.plan['credentials'].entries.map((entry: {id: string; source: unknown}) => [entry.id, entry.source]),
		original.plan['credentials'].entries.map((entry: {id: string; source: unknown}) => [entry.id, entry.source]),
	);
	t.false(JSON.stringify(replay.plan).includes(original.plan['runtime'].dir), 'nothing of the first run is left in the plan');
});

test("two replays of one plan get their own runtime directories and SSH ports; the user's --port forward stays", async t => {
	const {file} = await savedPlan(scratchDir(t));
	const [first, second] = await Promise.all([1, 2].map(async () => dryRun([`--plan=${file}`, '--set-credential=greeting:hello'])));
	t.not(first!.plan['runtime'].dir, second!.plan['runtime'].dir);
	const ports = (run: DryRun) => run.plan['network'].ports.map((port: {hostPort: number; picked?: boolean}) => (port.picked ? 'picked' : port.hostPort));
	t.deepEqual(ports(first!), [2080, 'picked']);
	t.true(first!.perRun.includes('network.ports[1].hostPort'));
});

test('a plan on standard input replays too', async t => {
	const {original} = await savedPlan(scratchDir(t));
	const {status, stdout, stderr} = await runInProcess(async io => main(['--dry-run', '--set-credential=greeting:hello'], io), {
		stdin: JSON.stringify(original.plan),
		env: fakeHostEnv(),
		host: fakeHost(),
	});
	t.is(status, 0, stderr);
	t.deepEqual(perRunNormalisedArgv(JSON.parse(stdout) as DryRun), perRunNormalisedArgv(original));
});

test('a --set-credential value is not in the plan: a replay without it is refused with one line naming the id', async t => {
	const {file} = await savedPlan(scratchDir(t));
	const {status, stderr} = await runSourceCli(cli, ['--dry-run', `--plan=${file}`]);
	t.is(status, 22);
	t.is(
		stderr,
		"vmspawn-run: plan.credentials.entries[1]: the value of credential 'greeting' is not in the plan; give it again with --set-credential=greeting:VALUE or --load-credential=greeting:PATH\n",
	);
});

test('a --load-credential source is read again, with a notice', async t => {
	const dir = scratchDir(t);
	const {file} = await savedPlan(dir);
	writeFileSync(join(dir, 'token'), 'changed since');
	const {status, stdout, stderr} = await runMain(['--dry-run', `--plan=${file}`, '--set-credential=greeting:hello']);
	t.is(status, 0, stderr);
	const token = (JSON.parse(stdout) as DryRun).plan['credentials'].entries[0];
	t.is(token.size, 'changed since'.length);
	t.is(stderr, `credential 'token' is read from ${join(dir, 'token')}, as the plan says\n`);
});

test('a plan of format 1.0 with credentials is refused with one line naming its version; without them it replays', async t => {
	const refused = await runSourceCli(cli, ['--dry-run', '-q', `--plan=${fixture}`]);
	t.is(refused.status, 22);
	t.regex(refused.stderr, /^vmspawn-run: plan\.credentials: a plan of format 1\.0 does not say where its credentials came from .*\n$/);

	const dir = scratchDir(t);
	const {credentials: _dropped, ...plan} = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, any>;
	const file = join(dir, 'old.json');
	writeFileSync(file, JSON.stringify(plan));
	const replay = await dryRun(['-q', `--plan=${file}`]);
	t.is(replay.plan['version'], PLAN_FORMAT_VERSION);
	t.not(replay.plan['runtime'].dir, plan['runtime'].dir);
	t.not(replay.plan['ssh'].privateKey, plan['ssh'].privateKey);
	t.is(replay.plan['network'].ports[1].picked, true, 'the SSH forward of a 1.0 plan is known by its ssh section and picked again');
	t.deepEqual(replay.plan['network'].ports[0], plan['network'].ports[0]);
});
