import {existsSync, readFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {createLogger} from '@vmspawn/cli';
import {processStartTime} from '@vmspawn/host';
import type {HelperProcess, VmStatus} from '@vmspawn/plan';
import {type VmDescription, readStatusFile, runVm, statusFilePath} from '../src/index.js';

const fakeQemu = fileURLToPath(new URL('fixtures/fake-qemu-qmp.mjs', import.meta.url));
const log = createLogger('test', true);
const description: VmDescription = {
	name: 'web1',
	console: 'headless',
	root: {kind: 'directory', path: '/srv/web1'},
	vsockCid: 1234,
	ssh: {command: ['ssh', 'root@vsock/1234']},
};

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-status-lifecycle-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

async function statusReaching(runtimeDir: string, state: VmStatus['state']): Promise<VmStatus> {
	for (let tries = 0; tries < 500; tries++) {
		const status = readStatusFile(runtimeDir);
		if (status?.state === state) {
			return status;
		}

		await delay(10);
	}

	throw new Error(`the status never reached ${state}`);
}

// A signal before the stand-in qemu listens on QMP could not ask it to power off: qemu would be killed at once.
async function qmpListening(qmpSocket: string): Promise<void> {
	while (!existsSync(qmpSocket)) {
		await delay(20);
	}
}

// Serial: these tests signal this process, which every running runVm would take as its own.
test.serial('the status says starting before qemu starts, running with every pid once it has, and is gone with the run', async t => {
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	const qmpSocket = join(runtimeDir, 'qmp.sock');
	const helper: HelperProcess = {
		name: 'swtpm',
		socket: join(runtimeDir, 'swtpm.sock'),
		argv: [process.execPath, '-e', `require('net').createServer().listen(${JSON.stringify(join(runtimeDir, 'swtpm.sock'))})`],
	};
	let starting: VmStatus | undefined;
	const running = runVm({
		runtimeDir,
		qemuArgv: [process.execPath, fakeQemu, qmpSocket],
		helpers: [helper],
		prepare: [
			async () => {
				starting = readStatusFile(runtimeDir);
			},
		],
		qmpSocket,
		consoleInput: 'ignore',
		status: description,
		log,
	});
	const status = await statusReaching(runtimeDir, 'running');
	t.is(starting?.state, 'starting');
	t.is(starting?.qemu, undefined);
	t.like(status, {
		name: 'web1',
		console: 'headless',
		root: {kind: 'directory', path: '/srv/web1'},
		vsockCid: 1234,
		ssh: {command: ['ssh', 'root@vsock/1234']},
		pid: process.pid,
		pidStartTime: processStartTime(process.pid),
		runtimeDir,
	});
	t.deepEqual(status.sockets, {qmp: qmpSocket, swtpm: helper.socket});
	t.deepEqual(
		status.helpers.map(entry => entry.name),
		['swtpm'],
	);
	t.true(status.qemu !== undefined && readFileSync(`/proc/${status.qemu.pid}/cmdline`, 'utf8').includes(fakeQemu), 'the qemu pid is the stand-in qemu');
	t.true(readFileSync(`/proc/${status.helpers[0]!.pid}/cmdline`, 'utf8').includes('swtpm.sock'), 'the helper pid is the helper');
	t.is(starting?.startedAt, status.startedAt);
	await qmpListening(qmpSocket);
	process.kill(process.pid, 'SIGTERM');
	t.deepEqual(await running, {exitCode: 0});
	t.false(existsSync(statusFilePath(runtimeDir)));
});

test.serial('a shutdown request turns the status to stopping while the guest powers off', async t => {
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	const qmpSocket = join(runtimeDir, 'qmp.sock');
	// The stubborn stand-in ignores the power-off request until it is killed by the second signal.
	const running = runVm({
		runtimeDir,
		qemuArgv: [process.execPath, fakeQemu, qmpSocket, 'stubborn'],
		helpers: [],
		prepare: [],
		qmpSocket,
		consoleInput: 'ignore',
		status: description,
		log,
	});
	const before = await statusReaching(runtimeDir, 'running');
	await qmpListening(qmpSocket);
	process.kill(process.pid, 'SIGTERM');
	const stopping = await statusReaching(runtimeDir, 'stopping');
	t.deepEqual(stopping, {...before, state: 'stopping'});
	process.kill(process.pid, 'SIGTERM');
	t.deepEqual(await running, {exitCode: 143});
});

test.serial('without a description there is no status file', async t => {
	const runtimeDir = join(await scratch(t), 'run');
	const result = await runVm({
		runtimeDir,
		qemuArgv: ['/bin/sh', '-c', `test ! -e ${runtimeDir}/status.json`],
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
});
