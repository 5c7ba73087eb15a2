import {mkdtemp, rm} from 'node:fs/promises';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {NOTIFY_LINE_MAX, listenNotifyPort} from '../src/index.js';

async function socketPath(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-notify-port-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return join(directory, 'guest-notify.sock');
}

test('what qemu relays from the port is read as a stream; a flood of one line costs nothing and is skipped', async t => {
	const path = await socketPath(t);
	const port = await listenNotifyPort(path);
	t.teardown(() => port.close());
	const qemu = connect(path);
	qemu.write('READY=1\nEXIT_STATUS=3\n');
	const flood = Buffer.alloc(1024 * 1024, 'x');
	for (let index = 0; index < 16; index++) {
		qemu.write(flood);
	}

	qemu.end('\nEXIT_STATUS=9');
	await port.ended;
	t.deepEqual(port.reader.notification, {ready: true, exitStatus: 9});
	t.is(port.reader.skippedLines, 1, `a ${16 * 1024 * 1024}-byte line is over ${NOTIFY_LINE_MAX} and skipped`);
});

test('only the first connection is read; another is closed at once', async t => {
	const path = await socketPath(t);
	const port = await listenNotifyPort(path);
	t.teardown(() => port.close());
	const qemu = connect(path);
	await new Promise<void>(resolve => qemu.once('connect', () => resolve()));
	const intruder = connect(path);
	intruder.on('error', () => undefined);
	intruder.write('EXIT_STATUS=66\n');
	await new Promise<void>(resolve => intruder.once('close', () => resolve()));
	qemu.end('EXIT_STATUS=0\n');
	await port.ended;
	t.is(port.reader.notification.exitStatus, 0);
});
