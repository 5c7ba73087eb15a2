import {createServer} from 'node:net';
import test from 'ava';
import {listensOnLoopback} from '../src/wait-tcp.js';

test('a loopback listener is seen in /proc/net/tcp, and a closed port is not', async t => {
	const server = createServer();
	await new Promise<void>(resolve => server.listen({host: '127.0.0.1', port: 0}, resolve));
	const {port} = server.address() as {port: number};
	t.true(listensOnLoopback(port));
	await new Promise(resolve => server.close(resolve));
	t.false(listensOnLoopback(port));
});

test('only LISTEN entries on loopback or any address count', t => {
	const table = (line: string) => () => `  sl  local_address rem_address   st\n${line}\n`;
	t.true(listensOnLoopback(0x1f90, table('   0: 0100007F:1F90 00000000:0000 0A 0')));
	t.true(listensOnLoopback(0x1f90, table('   0: 00000000:1F90 00000000:0000 0A 0')));
	t.false(listensOnLoopback(0x1f90, table('   0: 0100007F:1F90 0100007F:C350 01 0')), 'an established connection');
	t.false(listensOnLoopback(0x1f90, table('   0: 0202000A:1F90 00000000:0000 0A 0')), 'another address');
});
