import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, createLogger} from '@vmspawn/cli';
import type {VmStatus} from '@vmspawn/plan';
import {createRuntimeDir, recordStatus} from '@vmspawn/supervise';
import {runMain} from './helpers.js';

async function runtimeBase(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-run-list-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

test('--list with no VMs prints one line saying so, and --json an empty array', async t => {
	const env = {...process.env, VMSPAWN_RUNTIME_DIR: await runtimeBase(t)};
	t.deepEqual(await runMain(['--list'], env), {status: 0, stdout: 'No running VMs.\n', stderr: ''});
	t.deepEqual(await runMain(['--list', '--json'], env), {status: 0, stdout: '[]\n', stderr: ''});
});

test('--list shows a run of this process as a table, --json as its status document', async t => {
	const base = await runtimeBase(t);
	const runtimeDir = join(base, 'web1-0badcafe');
	// This test process stands in for the run's vmspawn-run.
	await createRuntimeDir(runtimeDir);
	recordStatus(runtimeDir, {name: 'web1', console: 'headless', root: {kind: 'directory', path: '/srv/web1'}}, {helpers: [], log: createLogger('test', true)});
	const env = {...process.env, VMSPAWN_RUNTIME_DIR: base};
	const table = await runMain(['--list'], env);
	t.is(table.status, 0);
	t.regex(table.stdout, /^NAME +STATE +PID +CID +CONSOLE +STARTED +ROOT +SSH\n/);
	t.regex(table.stdout, new RegExp(`^web1 +starting +${process.pid} +- +headless +\\S+Z +/srv/web1 +-$`, 'm'));
	const json = await runMain(['--list', '--json'], env);
	const [status, ...others] = JSON.parse(json.stdout) as VmStatus[];
	t.deepEqual(others, []);
	t.like(status, {name: 'web1', state: 'starting', pid: process.pid, runtimeDir});
});

for (const args of [
	['--list', '--linux=/k'],
	['--list', '-M', 'web1'],
	['--list', 'quiet'],
]) {
	test(`${args.join(' ')} is refused: --list starts nothing`, async t => {
		const error = await t.throwsAsync(runMain(args), {instanceOf: CliError});
		t.is(error?.exitCode, 22);
		t.regex(error?.message ?? '', /^--list /);
	});
}
