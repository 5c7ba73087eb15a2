import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {createLogger} from '@vmspawn/cli';
import {runVm} from '../src/index.js';

const fakeQemu = fileURLToPath(new URL('fixtures/fake-qemu-qmp.mjs', import.meta.url));
const log = createLogger('test', true);

// These tests signal their own process: runVm has taken over SIGTERM while it runs.
test.serial('the first SIGTERM asks the guest to power off over QMP; a clean power-off exits 0', async t => {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-signal-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	const runtimeDir = join(directory, 'run');
	const qmpSocket = join(runtimeDir, 'qmp.sock');
	const running = runVm({runtimeDir, qemuArgv: [process.execPath, fakeQemu, qmpSocket], helpers: [], prepare: [], qmpSocket, consoleInput: 'ignore', log});
	while (!existsSync(qmpSocket)) {
		await delay(20);
	}

	process.kill(process.pid, 'SIGTERM');
	t.deepEqual(await running, {exitCode: 0});
	t.false(existsSync(runtimeDir));
});

test.serial('a second SIGTERM kills a guest that does not power off, exiting 128 + 15', async t => {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-signal-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	const runtimeDir = join(directory, 'run');
	const qmpSocket = join(runtimeDir, 'qmp.sock');
	const running = runVm({
		runtimeDir,
		qemuArgv: [process.execPath, fakeQemu, qmpSocket, 'stubborn'],
		helpers: [],
		prepare: [],
		qmpSocket,
		consoleInput: 'ignore',
		log,
	});
	while (!existsSync(qmpSocket)) {
		await delay(20);
	}

	process.kill(process.pid, 'SIGTERM');
	await delay(300);
	process.kill(process.pid, 'SIGTERM');
	t.deepEqual(await running, {exitCode: 143});
	t.false(existsSync(runtimeDir));
});

test.serial('a guest that ignores the power-off request is killed after the timeout', async t => {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-signal-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	const runtimeDir = join(directory, 'run');
	const qmpSocket = join(runtimeDir, 'qmp.sock');
	const running = runVm({
		runtimeDir,
		qemuArgv: [process.execPath, fakeQemu, qmpSocket, 'stubborn'],
		helpers: [],
		prepare: [],
		qmpSocket,
		powerdownTimeoutMs: 500,
		consoleInput: 'ignore',
		log,
	});
	while (!existsSync(qmpSocket)) {
		await delay(20);
	}

	process.kill(process.pid, 'SIGINT');
	t.deepEqual(await running, {exitCode: 130});
});
