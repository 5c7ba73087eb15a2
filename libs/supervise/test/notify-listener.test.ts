import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {type Socket, connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {createLogger} from '@vmspawn/cli';
import {listenUnixStream} from '@vmspawn/host';
import {GuestNotifyListener, NOTIFY_CONNECTIONS_MAX, NOTIFY_MESSAGE_MAX, runVm} from '../src/index.js';

// This host has no guest that could connect over vsock: a unix socket served by the very same
// non-blocking accept/read calls stands in for the guest's vsock connection (hence the test names).

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-notify-listener-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

async function send(path: string, message: string | Buffer): Promise<void> {
	// Resolves once everything is sent; the listener closes its end when it reads the end of the stream.
	await new Promise<void>((resolve, reject) => {
		const socket = connect(path, () => {
			socket.end(message, resolve);
		});
		socket.on('error', reject);
	});
}

/** socat stands in for our own service manager: it receives sd_notify datagrams on a unix socket, as systemd does. */
async function serviceManager(t: {teardown(fn: () => void): void}, path: string): Promise<() => string> {
	const manager = spawn('socat', ['-u', `UNIX-RECV:${path}`, 'STDOUT'], {stdio: ['ignore', 'pipe', 'inherit']});
	t.teardown(() => manager.kill());
	let received = '';
	manager.stdout.on('data', (chunk: Buffer) => {
		received += chunk.toString();
	});
	for (let tries = 0; tries < 500 && !existsSync(path); tries++) {
		await delay(10);
	}

	return () => received;
}

function recorder() {
	const events: string[] = [];
	return {
		events,
		handlers: {
			ready: () => events.push('ready'),
			status: (text: string) => events.push(`status ${text}`),
			warn: (message: string) => events.push(`warn ${message}`),
		},
	};
}

test('READY=1, STATUS= and EXIT_STATUS= from separate connections are applied in order (unix socket standing in for vsock)', async t => {
	const path = join(await scratch(t), 'notify.sock');
	const {events, handlers} = recorder();
	const listener = new GuestNotifyListener(await listenUnixStream(path), handlers, 10);
	t.teardown(() => listener.close());
	listener.start();
	await send(path, 'READY=1\nSTATUS=booting\r\n');
	await send(path, 'STATUS=multi-user\nREADY=1\nEXIT_STATUS=7\nX_OTHER=1\n');
	for (let tries = 0; tries < 300 && listener.notification.exitStatus === undefined; tries++) {
		await delay(10);
	}

	t.deepEqual(listener.notification, {ready: true, status: 'multi-user', exitStatus: 7});
	t.deepEqual(events, ['status booting', 'ready', 'status multi-user'], 'READY is passed on once');
});

test('a message over 4096 bytes is dropped with a warning, and a bad EXIT_STATUS is warned about (unix socket standing in for vsock)', async t => {
	const path = join(await scratch(t), 'notify.sock');
	const {events, handlers} = recorder();
	const listener = new GuestNotifyListener(await listenUnixStream(path), handlers, 10);
	await send(path, `EXIT_STATUS=3\n${'X'.repeat(NOTIFY_MESSAGE_MAX)}`);
	await send(path, 'EXIT_STATUS=300\n');
	await delay(50);
	listener.close();
	t.deepEqual(listener.notification, {ready: false});
	t.deepEqual(events, [
		'warn a notification from the guest exceeded 4096 bytes; ignored',
		'warn the guest sent EXIT_STATUS=300, which is not an exit status (0..255); ignored',
	]);
});

test('a guest holding many connections open gets no more than the cap read at once, and a finished message still counts (unix socket standing in for vsock)', async t => {
	const path = join(await scratch(t), 'notify.sock');
	const {events, handlers} = recorder();
	const listener = new GuestNotifyListener(await listenUnixStream(path), handlers, 10);
	t.teardown(() => listener.close());
	const idle = await Promise.all(
		Array.from(
			{length: NOTIFY_CONNECTIONS_MAX},
			async () =>
				new Promise<Socket>((resolve, reject) => {
					const socket = connect(path, () => resolve(socket));
					socket.on('error', reject);
				}),
		),
	);
	t.teardown(() => {
		for (const socket of idle) {
			socket.destroy();
		}
	});
	listener.poll();
	const extra = connect(path);
	const closedUnread = new Promise<void>(resolve => extra.on('close', () => resolve()));
	extra.on('error', () => {});
	for (let tries = 0; tries < 300 && !events.some(event => event.startsWith('warn')); tries++) {
		listener.poll();
		await delay(10);
	}

	await closedUnread;
	t.deepEqual(events, [`warn the guest holds ${NOTIFY_CONNECTIONS_MAX} notify connections open; further ones are closed unread`]);
	idle[0]!.end('EXIT_STATUS=4\n');
	for (let tries = 0; tries < 300 && listener.notification.exitStatus === undefined; tries++) {
		listener.poll();
		await delay(10);
	}

	t.is(listener.notification.exitStatus, 4);
});

test('close() still reads a message that arrived just before qemu exited (unix socket standing in for vsock)', async t => {
	const path = join(await scratch(t), 'notify.sock');
	const listener = new GuestNotifyListener(await listenUnixStream(path), recorder().handlers, 60_000);
	listener.start();
	await send(path, 'EXIT_STATUS=9');
	listener.close();
	t.is(listener.notification.exitStatus, 9);
});

test("runVm: the guest's EXIT_STATUS over the notify socket becomes the exit status, and READY/STATUS reach our own service manager (unix socket standing in for vsock)", async t => {
	const directory = await scratch(t);
	const guestSocket = join(directory, 'guest-notify.sock');
	const managerSocket = join(directory, 'manager.sock');
	const received = await serviceManager(t, managerSocket);
	// The stand-in qemu is the guest too: it sends what systemd in a guest would, then powers off.
	const guest = `const s = require('net').connect(${JSON.stringify(guestSocket)}, () => s.end('READY=1\\nSTATUS=up\\nEXIT_STATUS=5\\n')); s.on('close', () => setTimeout(() => {}, 300));`;
	const result = await runVm({
		runtimeDir: join(directory, 'run'),
		qemuArgv: [process.execPath, '-e', guest],
		helpers: [],
		prepare: [],
		notifyListener: await listenUnixStream(guestSocket),
		env: {NOTIFY_SOCKET: managerSocket},
		consoleInput: 'ignore',
		log: createLogger('test', true),
	});
	t.deepEqual(result, {exitCode: 5, message: 'the guest reported exit status 5'});
	for (let tries = 0; tries < 300 && !received().includes('READY=1'); tries++) {
		await delay(10);
	}

	t.true(received().includes('STATUS=VM running: up'), received());
	t.true(received().includes('READY=1'), received());
});

test('runVm without a notify socket tells our service manager READY=1 once qemu runs', async t => {
	const directory = await scratch(t);
	const managerSocket = join(directory, 'manager.sock');
	const received = await serviceManager(t, managerSocket);
	const result = await runVm({
		runtimeDir: join(directory, 'run'),
		qemuArgv: ['/bin/sh', '-c', 'sleep 0.3'],
		helpers: [],
		prepare: [],
		env: {NOTIFY_SOCKET: managerSocket},
		consoleInput: 'ignore',
		log: createLogger('test', true),
	});
	t.is(result.exitCode, 0);
	for (let tries = 0; tries < 300 && received() === ''; tries++) {
		await delay(10);
	}

	t.is(received(), 'READY=1\nSTATUS=VM running');
});
