import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {spawn} from 'node:child_process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {notifyServiceManager} from '../src/index.js';

// socat stands in for the service manager: it receives datagrams on a unix socket, as systemd does.
async function receiver(address: string, isReady: () => boolean): Promise<{received: () => string; stop: () => void}> {
	const child = spawn('socat', ['-u', `UNIX-RECV:${address}`, 'STDOUT'], {stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	for (let tries = 0; !isReady(); tries++) {
		if (tries > 500) {
			throw new Error('socat did not start listening');
		}

		await delay(10);
	}

	return {received: () => output, stop: () => child.kill()};
}

async function until(condition: () => boolean): Promise<void> {
	for (let tries = 0; !condition() && tries < 500; tries++) {
		await delay(10);
	}
}

test('READY=1 and STATUS= reach the service manager through a $NOTIFY_SOCKET path', async t => {
	const dir = mkdtempSync(join(tmpdir(), 'sd-notify-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const path = join(dir, 'notify');
	const manager = await receiver(path, () => existsSync(path));
	t.teardown(manager.stop);
	t.is(await notifyServiceManager('READY=1\nSTATUS=VM running: booted', {NOTIFY_SOCKET: path}), undefined);
	await until(() => manager.received().includes('booted'));
	t.is(manager.received(), 'READY=1\nSTATUS=VM running: booted');
});

test('an abstract $NOTIFY_SOCKET (@name) works too', async t => {
	const name = `vmspawn-test-${process.pid}-${Date.now()}`;
	const child = spawn('socat', ['-u', `ABSTRACT-RECV:${name}`, 'STDOUT'], {stdio: ['ignore', 'pipe', 'inherit']});
	t.teardown(() => child.kill());
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	// An abstract socket has no file to wait for: send until socat is there.
	let warning: string | undefined = 'not sent';
	for (let tries = 0; tries < 500 && warning !== undefined; tries++) {
		warning = await notifyServiceManager('READY=1', {NOTIFY_SOCKET: `@${name}`});
		if (warning !== undefined) {
			await delay(10);
		}
	}

	t.is(warning, undefined);
	await until(() => output.length > 0);
	t.is(output, 'READY=1');
});

test('without $NOTIFY_SOCKET nothing is sent and nothing fails', async t => {
	t.is(await notifyServiceManager('READY=1', {}), undefined);
});

test('a $NOTIFY_SOCKET nobody listens on, or of another kind, gives a warning instead of an error', async t => {
	t.regex(
		(await notifyServiceManager('READY=1', {NOTIFY_SOCKET: '/nonexistent/notify'})) ?? '',
		/cannot notify the service manager through \/nonexistent\/notify: sendto\(\) failed: ENOENT/,
	);
	t.regex((await notifyServiceManager('READY=1', {NOTIFY_SOCKET: 'vsock:2:1234'})) ?? '', /not a unix socket/);
});
