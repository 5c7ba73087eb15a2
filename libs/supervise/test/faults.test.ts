import {existsSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, createLogger} from '@vmspawn/cli';
import {runVm} from '../src/index.js';

const log = createLogger('test', true);

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-supervise-faults-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

// A stand-in qemu serving the events monitor: it reports `events` once negotiated, then exits 0 as qemu does after a panic.
function qemuReporting(eventsSocket: string, events: string[]): string[] {
	const script = `
		const server = require('net').createServer(socket => {
			socket.write('{"QMP": {"version": {}, "capabilities": []}}\\r\\n');
			socket.once('data', () => {
				socket.write('{"return": {}}\\r\\n');
				for (const event of ${JSON.stringify(events)}) socket.write(JSON.stringify({timestamp: {}, event}) + '\\r\\n');
				setTimeout(() => process.exit(0), 50);
			});
		}).listen(${JSON.stringify(eventsSocket)});`;
	return [process.execPath, '-e', script];
}

test('a guest kernel panic reported by qemu ends the run with 123, although qemu itself exits 0', async t => {
	const runtimeDir = join(await scratch(t), 'run');
	const result = await runVm({
		runtimeDir,
		qemuArgv: qemuReporting(join(runtimeDir, 'qmp-events.sock'), ['GUEST_PANICKED', 'SHUTDOWN']),
		qmpSocket: join(runtimeDir, 'qmp.sock'),
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 123, message: "the guest's kernel panicked"});
	t.false(existsSync(runtimeDir));
});

test('a clean power-off seen on the events monitor is still 0', async t => {
	const runtimeDir = join(await scratch(t), 'run');
	const result = await runVm({
		runtimeDir,
		qemuArgv: qemuReporting(join(runtimeDir, 'qmp-events.sock'), ['SHUTDOWN']),
		qmpSocket: join(runtimeDir, 'qmp.sock'),
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
});

// Held up, the run would wait for the monitor forever (the watch retries until qemu has ended):
// ava's test timeout is the bound, not a measured time.
test('a qemu that never opens its events monitor does not hold the run up', async t => {
	const runtimeDir = join(await scratch(t), 'run');
	const result = await runVm({
		runtimeDir,
		qemuArgv: ['/bin/sh', '-c', 'sleep 0.2'],
		qmpSocket: join(runtimeDir, 'qmp.sock'),
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
});

for (const [name, exitCode, why] of [
	['/nonexistent/virtiofsd', 2, 'does not exist'],
	['not-executable', 13, 'cannot be executed'],
	['no-such-helper-program', 2, 'is not on $PATH'],
] as const) {
	test(`a helper whose program ${why} is refused with ${exitCode} before anything starts`, async t => {
		const directory = await scratch(t);
		const program = name === 'not-executable' ? join(directory, name) : name;
		await writeFile(join(directory, 'not-executable'), '#!/bin/sh\n', {mode: 0o644});
		const marker = join(directory, 'qemu-ran');
		const runtimeDir = join(directory, 'run');
		const result = await runVm({
			runtimeDir,
			qemuArgv: ['/bin/sh', '-c', `touch ${marker}`],
			helpers: [{name: 'virtiofsd-root', socket: join(runtimeDir, 'r.sock'), argv: [program, '--socket-path=x']}],
			prepare: [],
			consoleInput: 'ignore',
			log,
		});
		t.deepEqual(result, {exitCode, message: `helper virtiofsd-root: its program ${program} ${why}`});
		t.false(existsSync(marker));
		t.false(existsSync(runtimeDir));
	});
}

test('a system error while filling the runtime directory (a full disk) is one line naming the directory, with its errno status', async t => {
	const runtimeDir = join(await scratch(t), 'run');
	const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'});
	const error = await t.throwsAsync(
		runVm({
			runtimeDir,
			qemuArgv: ['/bin/true'],
			helpers: [],
			prepare: [
				async () => {
					throw full;
				},
			],
			consoleInput: 'ignore',
			log,
		}),
		{instanceOf: CliError},
	);
	t.is(error?.message, `cannot prepare the runtime directory ${runtimeDir}: ENOSPC: no space left on device, write`);
	t.is((error as CliError).exitCode, 28);
	t.false(existsSync(runtimeDir));
});

test('a failing preparation step is reported once every other step has ended, so none writes into a removed runtime directory', async t => {
	const runtimeDir = join(await scratch(t), 'run');
	let slowEnded = false;
	const error = await t.throwsAsync(
		runVm({
			runtimeDir,
			qemuArgv: ['/bin/true'],
			helpers: [],
			prepare: [
				async () => {
					throw Object.assign(new Error('EIO: i/o error'), {code: 'EIO'});
				},
				async () => {
					await new Promise(resolve => {
						setTimeout(resolve, 300);
					});
					await writeFile(join(runtimeDir, 'late'), 'x');
					slowEnded = true;
				},
			],
			consoleInput: 'ignore',
			log,
		}),
		{instanceOf: CliError},
	);
	t.regex(error?.message ?? '', /^cannot prepare the runtime directory .*: EIO: i\/o error$/);
	t.true(slowEnded, 'the slow step finished before the failure was reported');
	t.false(existsSync(runtimeDir), 'and its file went with the runtime directory');
});
