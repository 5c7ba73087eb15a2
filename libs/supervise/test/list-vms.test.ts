import {type ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {processStartTime} from '@vmspawn/host';
import {STATUS_FORMAT_VERSION, type VmStatus} from '@vmspawn/plan';
import {formatVmTable, listRunningVms, writeStatusFile} from '../src/index.js';

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-list-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

// A real process stands in for a run's vmspawn-run.
async function sleeper(t: {teardown(fn: () => void): void}): Promise<{child: ChildProcess; pid: number; startTime: number}> {
	const child = spawn('sleep', ['60'], {stdio: 'ignore'});
	t.teardown(() => child.kill('SIGKILL'));
	await once(child, 'spawn');
	return {child, pid: child.pid!, startTime: processStartTime(child.pid!)!};
}

function status(name: string, owner: {pid: number; startTime: number}, runtimeDir: string, change: Partial<VmStatus> = {}): VmStatus {
	return {
		version: STATUS_FORMAT_VERSION,
		name,
		state: 'running',
		startedAt: '2025-01-02T03:04:05.678Z',
		pid: owner.pid,
		pidStartTime: owner.startTime,
		runtimeDir,
		qemu: {pid: owner.pid},
		helpers: [],
		sockets: {},
		console: 'read-only',
		root: {kind: 'directory', path: `/srv/${name}`},
		...change,
	};
}

/** A runtime directory as a run leaves it: owner.pid ("PID STARTTIME") and, unless told otherwise, status.json. */
function fakeRun(base: string, name: string, owner: {pid: number; startTime: number}, change: Partial<VmStatus> | 'no status' = {}): string {
	const directory = join(base, `${name}-0badcafe`);
	mkdirSync(directory, {recursive: true, mode: 0o700});
	writeFileSync(join(directory, 'owner.pid'), `${owner.pid} ${owner.startTime}\n`);
	if (change !== 'no status') {
		writeStatusFile(directory, status(name, owner, directory, change));
	}

	return directory;
}

test('only runs whose vmspawn-run is alive and is the very process that wrote the status are listed; dead ones are removed', async t => {
	const base = await scratch(t);
	const env = {VMSPAWN_RUNTIME_DIR: base};
	const live = await sleeper(t);
	const dead = await sleeper(t);
	const reused = await sleeper(t);
	const creating = await sleeper(t);
	const liveDir = fakeRun(base, 'live', live);
	const deadDir = fakeRun(base, 'dead', dead);
	// The pid is alive, but it belongs to a process that started after the run's vmspawn-run.
	const reusedDir = fakeRun(base, 'reused', {pid: reused.pid, startTime: reused.startTime - 1});
	const creatingDir = fakeRun(base, 'creating', creating, 'no status');
	dead.child.kill('SIGKILL');
	await once(dead.child, 'exit');

	const listed = listRunningVms(env);
	t.deepEqual(
		listed.map(vm => vm.name),
		['live'],
	);
	t.is(listed[0]?.pid, live.pid);
	t.is(listed[0]?.runtimeDir, liveDir);
	t.false(existsSync(deadDir), "the dead run's directory is removed");
	t.false(existsSync(reusedDir), 'the directory of the run whose pid was reused is removed');
	t.true(existsSync(creatingDir), 'a live run without a status yet is left alone');
	t.true(existsSync(liveDir));
});

test('runs are listed oldest first', async t => {
	const base = await scratch(t);
	const owner = await sleeper(t);
	fakeRun(base, 'newer', owner, {startedAt: '2025-02-01T00:00:00.000Z'});
	fakeRun(base, 'older', owner, {startedAt: '2025-01-01T00:00:00.000Z'});
	t.deepEqual(
		listRunningVms({VMSPAWN_RUNTIME_DIR: base}).map(vm => vm.name),
		['older', 'newer'],
	);
});

test('no runtime base at all is an empty list', t => {
	t.deepEqual(listRunningVms({VMSPAWN_RUNTIME_DIR: join(tmpdir(), 'vmspawn-list-test-nonexistent')}), []);
});

test('the table has a header and one aligned line per VM; absent values are -, the ssh command is shell-quoted', t => {
	const owner = {pid: 4242, startTime: 1};
	const table = formatVmTable([
		status('web1', owner, '/run/vmspawn/web1-0badcafe', {vsockCid: 1234, ssh: {command: ['ssh', '-o', 'User Known', 'root@vsock/1234']}}),
		status('db', {pid: 77, startTime: 1}, '/run/vmspawn/db-0badcafe', {state: 'stopping', console: 'headless', root: {kind: 'image', path: '/images/db.raw'}}),
	]);
	t.is(
		table,
		[
			'NAME  STATE     PID   CID   CONSOLE    STARTED               ROOT            SSH',
			"web1  running   4242  1234  read-only  2025-01-02T03:04:05Z  /srv/web1       ssh -o 'User Known' root@vsock/1234",
			'db    stopping  77    -     headless   2025-01-02T03:04:05Z  /images/db.raw  -',
			'',
		].join('\n'),
	);
});

test('an empty table is one line saying so', t => {
	t.is(formatVmTable([]), 'No running VMs.\n');
});
