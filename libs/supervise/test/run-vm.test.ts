import {existsSync, fstatSync, openSync, readFileSync, statSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {createLogger} from '@vmspawn/cli';
import type {HelperProcess} from '@vmspawn/plan';
import {fileURLToPath} from 'node:url';
import {qmpEventSocketFor} from '@vmspawn/qemu';
import {removeStaleRuntimeDirs, runVm} from '../src/index.js';
import {helperGraceMs} from '../src/run-watch.js';

// Real processes stand in for qemu and the helpers: the supervisor only sees argv and sockets.
const log = createLogger('test', true);
const slowTeardownQemu = fileURLToPath(new URL('fixtures/fake-qemu-slow-teardown.mjs', import.meta.url));

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-supervise-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

function listener(name: string, socket: string): HelperProcess {
	return {name, socket, argv: [process.execPath, '-e', `require('net').createServer().listen(${JSON.stringify(socket)})`]};
}

function isRunning(pidFile: string): boolean {
	try {
		process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
		return true;
	} catch {
		return false;
	}
}

test('a guest that powers off cleanly exits 0 and its runtime directory is gone', async t => {
	const runtimeDir = join(await scratch(t), 'run');
	let modeWhileRunning = 0;
	const result = await runVm({
		runtimeDir,
		qemuArgv: ['/bin/sh', '-c', 'exit 0'],
		helpers: [],
		prepare: [
			async () => {
				modeWhileRunning = statSync(runtimeDir).mode & 0o777;
			},
		],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
	t.is(modeWhileRunning, 0o700);
	t.false(existsSync(runtimeDir));
});

test('qemu failing exits 125 and says how it ended', async t => {
	const result = await runVm({
		runtimeDir: join(await scratch(t), 'run'),
		qemuArgv: ['/bin/sh', '-c', 'exit 3'],
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 125, message: 'qemu exited with status 3'});
});

test('qemu killed by a signal exits 128 + the signal', async t => {
	const result = await runVm({
		runtimeDir: join(await scratch(t), 'run'),
		qemuArgv: ['/bin/sh', '-c', 'kill -9 $$'],
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 137, message: 'qemu was killed by signal SIGKILL'});
});

test('a missing qemu binary is reported, not thrown', async t => {
	const result = await runVm({
		runtimeDir: join(await scratch(t), 'run'),
		qemuArgv: ['/nonexistent/qemu'],
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.is(result.exitCode, 125);
});

test('helpers are listening before qemu starts and are stopped after it', async t => {
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	const pidFile = join(directory, 'helper.pid');
	const helper = {
		...listener('tpm', join(runtimeDir, 'a.sock')),
		argv: ['/bin/sh', '-c', `echo $$ > ${pidFile}; exec ${process.execPath} -e "require('net').createServer().listen('${runtimeDir}/a.sock')"`],
	};
	const result = await runVm({
		runtimeDir,
		// The stand-in qemu fails unless both sockets exist when it starts.
		qemuArgv: ['/bin/sh', '-c', `test -S ${runtimeDir}/a.sock && test -S ${runtimeDir}/b.sock`],
		helpers: [helper, listener('fs', join(runtimeDir, 'b.sock'))],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
	t.false(isRunning(pidFile), 'the helper was stopped');
	t.false(existsSync(runtimeDir));
});

test('a helper that exits before listening fails the start with 126 and qemu never runs', async t => {
	const directory = await scratch(t);
	const marker = join(directory, 'qemu-ran');
	const result = await runVm({
		runtimeDir: join(directory, 'run'),
		qemuArgv: ['/bin/sh', '-c', `touch ${marker}`],
		helpers: [{name: 'swtpm', socket: join(directory, 'run', 'never.sock'), argv: ['/bin/sh', '-c', 'exit 1']}],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.is(result.exitCode, 126);
	t.regex(result.message ?? '', /^helper swtpm \(\/bin\/sh\) exited before creating its socket/);
	t.false(existsSync(marker));
	t.false(existsSync(join(directory, 'run')));
});

test('a helper dying while the guest runs stops the VM with 126', async t => {
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	const socket = join(runtimeDir, 'h.sock');
	const result = await runVm({
		runtimeDir,
		qemuArgv: ['/bin/sh', '-c', 'sleep 30'],
		helpers: [
			{
				name: 'virtiofsd',
				socket,
				argv: [process.execPath, '-e', `const s=require('net').createServer().listen(${JSON.stringify(socket)}); setTimeout(() => process.exit(7), 300)`],
			},
		],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 126, message: 'virtiofsd exited with status 7 while the guest was running; stopping the VM'});
	t.false(existsSync(runtimeDir));
});

test('runtime directories of dead runs are removed, live ones kept', async t => {
	const base = await scratch(t);
	await mkdir(join(base, 'dead-0badcafe'));
	await writeFile(join(base, 'dead-0badcafe', 'owner.pid'), '999999999\n');
	await mkdir(join(base, 'alive-0badcafe'));
	await writeFile(join(base, 'alive-0badcafe', 'owner.pid'), `${process.pid}\n`);
	await mkdir(join(base, 'foreign-0badcafe'));
	t.deepEqual(removeStaleRuntimeDirs(base), [join(base, 'dead-0badcafe')]);
	t.true(existsSync(join(base, 'alive-0badcafe')));
	t.true(existsSync(join(base, 'foreign-0badcafe')));
});

test('passed fds reach qemu as fds 3, 4, ... and are closed here afterwards', async t => {
	const directory = await scratch(t);
	const file = join(directory, 'passed');
	await writeFile(file, 'held by fd 3\n');
	const fd = openSync(file, 'r');
	const output = join(directory, 'seen');
	const result = await runVm({
		runtimeDir: join(directory, 'run'),
		qemuArgv: ['/bin/sh', '-c', `cat <&3 > ${output}`],
		helpers: [],
		prepare: [],
		passFds: [fd],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
	t.is(readFileSync(output, 'utf8'), 'held by fd 3\n');
	t.throws(() => fstatSync(fd), {code: 'EBADF'});
});

// Serial: the other tests of this file run at the same time and have timers of their own.
test.serial('a helper that exits as qemu shuts down is not a failure, and no timer of the run outlives it', async t => {
	// vmspawn-run must exit as soon as qemu has: the grace for qemu once held Node up for 1.5 s.
	const timers = () => process.getActiveResourcesInfo().filter(kind => kind === 'Timeout').length;
	const before = timers();
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	const socket = join(runtimeDir, 'h.sock');
	const result = await runVm({
		runtimeDir,
		// The stand-in qemu outlives the helper by a few hundred milliseconds, as qemu does while it tears down.
		qemuArgv: ['/bin/sh', '-c', 'sleep 0.6'],
		helpers: [
			{
				name: 'virtiofsd',
				socket,
				argv: [process.execPath, '-e', `require('net').createServer().listen(${JSON.stringify(socket)}); setTimeout(() => process.exit(0), 300)`],
			},
		],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
	t.is(timers(), before);
});

test('a helper that exits after qemu reported SHUTDOWN is not a failure, however long qemu then takes', async t => {
	// The CI flake: virtiofsd exited 0 when qemu dropped it at power-off, and qemu, loaded, took longer than the grace to exit.
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	const qmpSocket = join(runtimeDir, 'qmp.sock');
	const socket = join(runtimeDir, 'h.sock');
	const result = await runVm({
		runtimeDir,
		qemuArgv: [process.execPath, slowTeardownQemu, qmpEventSocketFor(qmpSocket), socket, String(helperGraceMs + 1000)],
		helpers: [
			{name: 'virtiofsd', socket, argv: [process.execPath, '-e', `require('net').createServer(() => process.exit(0)).listen(${JSON.stringify(socket)})`]},
		],
		prepare: [],
		qmpSocket,
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
});

test('a helper that fails and takes qemu down with it is reported as the cause', async t => {
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	const socket = join(runtimeDir, 'h.sock');
	const result = await runVm({
		runtimeDir,
		// The stand-in qemu fails a second after the helper died, as qemu does when swtpm vanishes under it.
		qemuArgv: ['/bin/sh', '-c', `while test -S ${socket}; do sleep 0.05; done; sleep 1; exit 1`],
		helpers: [
			{
				name: 'swtpm',
				socket,
				argv: [
					process.execPath,
					'-e',
					`const fs = require('fs'); require('net').createServer().listen(${JSON.stringify(socket)}); setTimeout(() => { fs.rmSync(${JSON.stringify(socket)}); process.kill(process.pid, 'SIGKILL'); }, 300)`,
				],
			},
		],
		prepare: [],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 126, message: 'swtpm was killed by signal SIGKILL while the guest was running; stopping the VM'});
});

test("an attached console feeds qemu's input, and its escape ends the VM with 0", async t => {
	const directory = await scratch(t);
	const output = join(directory, 'typed');
	let stopped = false;
	const result = await runVm({
		runtimeDir: join(directory, 'run'),
		// The stand-in qemu records what it is sent and would run for a minute.
		qemuArgv: ['/bin/sh', '-c', `head -c 5 > ${output}; sleep 60`],
		helpers: [],
		prepare: [],
		consoleInput(guestInput, onEscape) {
			guestInput.write('hello');
			setTimeout(onEscape, 300);
			return {
				stop() {
					stopped = true;
				},
			};
		},
		log,
	});
	t.deepEqual(result, {exitCode: 0});
	t.is(readFileSync(output, 'utf8'), 'hello');
	t.true(stopped, 'the console forwarder was stopped');
});

test("the guest's EXIT_STATUS on the notification port becomes the exit status after a clean power-off", async t => {
	const directory = await scratch(t);
	const notifySocket = join(directory, 'run', 'guest-notify.sock');
	// The stand-in qemu connects the port's chardev to the socket as qemu does, and the guest writes to it.
	const guest = `require('net').connect(${JSON.stringify(notifySocket)}, function () { this.end('READY=1\\nEXIT_STATUS=42\\n'); });`;
	const result = await runVm({
		runtimeDir: join(directory, 'run'),
		qemuArgv: [process.execPath, '-e', guest],
		helpers: [],
		prepare: [],
		notifySocket,
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 42, message: 'the guest reported exit status 42'});
});

test('onStarted gets the pid of the running qemu', async t => {
	const directory = await scratch(t);
	const pidFile = join(directory, 'qemu.pid');
	let started = 0;
	const result = await runVm({
		runtimeDir: join(directory, 'run'),
		qemuArgv: ['/bin/sh', '-c', `echo $$ > ${pidFile}; sleep 0.3`],
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		log,
		async onStarted(pid) {
			started = pid;
		},
	});
	t.deepEqual(result, {exitCode: 0});
	t.is(started, Number(readFileSync(pidFile, 'utf8')));
});

test('a failing onStarted stops qemu at once, removes the runtime directory and is thrown', async t => {
	const directory = await scratch(t);
	const runtimeDir = join(directory, 'run');
	let qemuPid = 0;
	const before = Date.now();
	await t.throwsAsync(
		runVm({
			runtimeDir,
			qemuArgv: ['/bin/sh', '-c', 'sleep 60'],
			helpers: [],
			prepare: [],
			consoleInput: 'ignore',
			log,
			async onStarted(pid) {
				qemuPid = pid;
				throw new Error('failed to register machine: no machined');
			},
		}),
		{message: 'failed to register machine: no machined'},
	);
	t.true(Date.now() - before < 10_000, 'qemu was not waited for');
	t.false(existsSync(runtimeDir));
	t.throws(() => process.kill(qemuPid, 0), {code: 'ESRCH'});
});
