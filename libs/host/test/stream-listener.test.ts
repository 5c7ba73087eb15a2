import {mkdtempSync, rmSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {type StreamListener, listenUnixStream, listenVsockStream} from '../src/index.js';
import * as libc from '../src/libc-sockets.js';

async function acceptWithin(listener: StreamListener, ms = 5000): Promise<number> {
	const deadline = Date.now() + ms;
	for (;;) {
		const connection = listener.accept();
		if (connection !== undefined) {
			return connection;
		}

		if (Date.now() > deadline) {
			throw new Error('no connection arrived');
		}

		await delay(10);
	}
}

async function readToEnd(listener: StreamListener, connection: number): Promise<string> {
	const buffer = Buffer.alloc(64);
	const chunks: Buffer[] = [];
	for (;;) {
		const count = listener.read(connection, buffer);
		if (count === 0) {
			return Buffer.concat(chunks).toString();
		}

		if (count === undefined) {
			await delay(10);
		} else {
			chunks.push(Buffer.from(buffer.subarray(0, count)));
		}
	}
}

test('a unix stream listener accepts a connection and reads it to the end of the stream, polled without blocking', async t => {
	const dir = mkdtempSync(join(tmpdir(), 'stream-listener-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const listener = await listenUnixStream(join(dir, 'listen.sock'));
	t.teardown(() => listener.close());
	t.is(listener.accept(), undefined, 'nothing waits yet');
	const client = connect(join(dir, 'listen.sock'));
	const connection = await acceptWithin(listener);
	t.is(listener.read(connection, Buffer.alloc(8)), undefined, 'nothing sent yet');
	client.end('READY=1\n'.repeat(20));
	t.is(await readToEnd(listener, connection), 'READY=1\n'.repeat(20));
	listener.closeConnection(connection);
});

/** Why this kernel cannot have an AF_VSOCK socket, found by binding one (at once: ava wants its tests declared so); undefined where it can. */
function noVsockReason(): string | undefined {
	try {
		libc.closeFd(libc.listenStream(libc.vsockAddress(libc.VMADDR_ANY, libc.VMADDR_ANY)));
		return undefined;
	} catch (error) {
		// Any other failure is left for the test to report.
		return /EAFNOSUPPORT|ENODEV/.test(String(error)) ? `this kernel has no AF_VSOCK (${String(error)})` : undefined;
	}
}

const noVsock = noVsockReason();
(noVsock ? test.skip : test)(
	`listenVsockStream binds a real AF_VSOCK socket on a port the kernel picks and holds it until closed${noVsock ? ` — skipped: ${noVsock}` : ''}`,
	async t => {
		const listener = await listenVsockStream();
		t.teardown(() => listener.close());
		t.true(listener.port >= 1024 && listener.port < 0xff_ff_ff_ff, `port ${listener.port}`);
		await t.throwsAsync(listenVsockStream(listener.port), {message: /bind\(\) failed: EADDRINUSE/});
		listener.close();
		const again = await listenVsockStream(listener.port);
		t.is(again.port, listener.port);
		again.close();
	},
);
