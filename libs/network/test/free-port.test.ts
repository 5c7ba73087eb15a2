import {createServer} from 'node:net';
import test from 'ava';
import {findFreeTcpPort} from '../src/index.js';

test('a free loopback port can be bound right after it is found', async t => {
	const port = await findFreeTcpPort();
	t.true(port >= 1 && port <= 65_535);
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen({host: '127.0.0.1', port}, resolve);
	});
	await new Promise<void>(resolve => {
		server.close(() => {
			resolve();
		});
	});
	t.pass();
});

test('an address the host does not have is an error', async t => {
	await t.throwsAsync(findFreeTcpPort('192.0.2.1'), {code: 'EADDRNOTAVAIL'});
});
