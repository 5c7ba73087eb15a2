import {type ChildProcess, spawn} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import {connect} from 'node:net';
import {join} from 'node:path';
import {once} from 'node:events';
import {setTimeout as delay} from 'node:timers/promises';
import test, {type ExecutionContext} from 'ava';
import {findBinary} from '@vmspawn/host';
import {tpmArgs} from '@vmspawn/qemu';
import {manufactureTpmState} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';
import {capturingLogger, realSection} from './helpers/real.js';

/** Starts a command, collecting its stderr; the test's teardown kills it if it is still running. */
function start(t: ExecutionContext, argv: readonly string[]): ChildProcess & {ended: Promise<unknown>; errors(): string} {
	const child = spawn(argv[0]!, argv.slice(1), {stdio: ['ignore', 'ignore', 'pipe']});
	const ended = once(child, 'exit');
	let errors = '';
	child.stderr!.on('data', chunk => {
		errors += String(chunk);
	});
	t.teardown(async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await ended;
		}
	});
	return Object.assign(child, {ended, errors: () => errors});
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await delay(10);
	}
}

const isSocket = (path: string) => existsSync(path) && statSync(path).isSocket();

// qemu binds the socket a moment before it listens: a refused connection is tried again.
async function qmpGreeting(path: string, attempts = 100): Promise<void> {
	const socket = connect(path);
	try {
		const [data] = await once(socket, 'data');
		if (!String(data).includes('"QMP"')) {
			throw new Error(`unexpected QMP greeting ${String(data)}`);
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED' || attempts <= 1) {
			throw error;
		}

		await new Promise(resolve => setTimeout(resolve, 50));
		return qmpGreeting(path, attempts - 1);
	} finally {
		socket.destroy();
	}
}

test('the planned swtpm command line starts, listens on the socket and stops on SIGTERM', async t => {
	const section = await realSection(scratchDir(t, 'tpm-'));
	await manufactureTpmState(section, capturingLogger(), {progress: false});
	const swtpm = start(t, section.helper!.argv);
	await waitFor(() => isSocket(section.socket!), 'the swtpm socket');
	t.is(section.helper!.socket, section.socket);
	t.is(statSync(section.socket!).mode & 0o777, 0o600);
	swtpm.kill('SIGTERM');
	const [code, signal] = (await swtpm.ended) as [number | null, string | null];
	t.true(code === 0 || signal === 'SIGTERM', `swtpm ended with ${code ?? signal}`);
	t.false(existsSync(section.socket!));
});

const qemu = process.arch === 'x64' ? findBinary('qemu-system-x86_64') : undefined;
(qemu ? test : test.skip)(`swtpm ends by itself when qemu goes away${qemu ? '' : ' — skipped: needs qemu-system-x86_64 on an x86-64 host'}`, async t => {
	const runtimeDir = scratchDir(t, 'tpm-');
	const section = await realSection(runtimeDir);
	await manufactureTpmState(section, capturingLogger(), {progress: false});
	const swtpm = start(t, section.helper!.argv);
	await waitFor(() => isSocket(section.socket!), 'the swtpm socket');
	// Paused (-S), with no devices but the TPM; the QMP greeting says start-up, TPM included, is done.
	const qmp = join(runtimeDir, 'qmp.sock');
	const vm = start(t, [
		qemu!,
		'-S',
		'-M',
		'q35',
		'-accel',
		'tcg',
		'-nodefaults',
		'-display',
		'none',
		'-monitor',
		'none',
		'-qmp',
		`unix:${qmp},server=on,wait=off`,
		...tpmArgs(section.socket!, 'x86_64'),
	]);
	await waitFor(() => vm.exitCode !== null || isSocket(qmp), 'the QMP socket');
	t.is(vm.exitCode, null, `qemu exited early: ${vm.errors()}`);
	await qmpGreeting(qmp);
	vm.kill('SIGTERM');
	await vm.ended;
	await Promise.race([swtpm.ended, delay(5000)]);
	t.not(swtpm.exitCode ?? swtpm.signalCode, null, 'swtpm was still running 5 s after qemu exited');
});
