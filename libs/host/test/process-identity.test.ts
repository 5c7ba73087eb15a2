import {type ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {currentProcessIdentity, isProcessRunning, parseProcStat, processStartTime} from '../src/index.js';

async function sleeper(t: {teardown(fn: () => void): void}): Promise<ChildProcess & {pid: number}> {
	const child = spawn('sleep', ['60'], {stdio: 'ignore'});
	t.teardown(() => child.kill('SIGKILL'));
	await once(child, 'spawn');
	return child as ChildProcess & {pid: number};
}

test('the start time is read after the command name, whatever that name holds', t => {
	const fields = Array.from({length: 50}, (_, index) => String(index + 3));
	fields[0] = 'S';
	t.deepEqual(parseProcStat(`123 (a) b (c ) ${fields.join(' ')}`), {state: 'S', startTime: 22});
	t.is(parseProcStat('123 (truncated) S 1'), undefined);
});

test('this process runs, with the start time /proc/self/stat shows', t => {
	const identity = currentProcessIdentity();
	t.is(identity.pid, process.pid);
	t.is(parseProcStat(readFileSync('/proc/self/stat', 'utf8'))?.startTime, identity.startTime);
	t.true(isProcessRunning(identity));
});

test('a live process runs only under its own start time: a reused pid does not count', async t => {
	const child = await sleeper(t);
	const startTime = processStartTime(child.pid);
	t.not(startTime, undefined);
	t.true(isProcessRunning({pid: child.pid, startTime: startTime!}));
	t.true(isProcessRunning({pid: child.pid}), 'without a start time the pid alone decides');
	t.false(isProcessRunning({pid: child.pid, startTime: startTime! + 1}));
});

test('a process that ended does not run', async t => {
	const child = await sleeper(t);
	const startTime = processStartTime(child.pid)!;
	child.kill('SIGKILL');
	await once(child, 'exit');
	t.false(isProcessRunning({pid: child.pid, startTime}));
	t.is(processStartTime(child.pid), undefined);
});

test('a zombie does not run', async t => {
	// The shell's background child exits after the shell has become `exec sleep`, which never reaps it.
	// (A child that exited before the exec could be reaped by the shell itself, on a busy machine.)
	const parent = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 60'], {stdio: ['ignore', 'pipe', 'ignore']});
	t.teardown(() => parent.kill('SIGKILL'));
	const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
	const pid = Number(String(line).trim());
	for (let tries = 0; tries < 500 && parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.state !== 'Z'; tries++) {
		await delay(20);
	}

	t.is(parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.state, 'Z');
	t.false(isProcessRunning({pid}));
});

test('nonsense pids do not run', t => {
	t.false(isProcessRunning({pid: 0}));
	t.false(isProcessRunning({pid: -1}));
	t.false(isProcessRunning({pid: Number.NaN}));
});
