import {mkdtemp, rm} from 'node:fs/promises';
import {type Server, createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {qmpArgs, qmpExecute} from '../src/index.js';

// A QMP peer speaking the protocol as qemu does: greeting, capabilities, then commands.
async function fakeQemu(t: {teardown(fn: () => Promise<void>): void}, answer: (command: string) => object): Promise<{path: string; received: string[]}> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-qmp-test-'));
	const path = join(directory, 'qmp.sock');
	const received: string[] = [];
	const server: Server = createServer(socket => {
		socket.write('{"QMP": {"version": {}, "capabilities": []}}\r\n');
		socket.on('data', data => {
			for (const line of String(data).split('\n').filter(Boolean)) {
				const {execute} = JSON.parse(line) as {execute: string};
				received.push(execute);
				socket.write('{"event": "SOMETHING", "timestamp": {}}\r\n');
				socket.write(`${JSON.stringify(execute === 'qmp_capabilities' ? {return: {}} : answer(execute))}\r\n`);
			}
		});
	});
	await new Promise<void>(resolve => server.listen(path, resolve));
	t.teardown(async () => {
		server.close();
		await rm(directory, {recursive: true, force: true});
	});
	return {path, received};
}

test('a command is sent after capability negotiation, skipping events', async t => {
	const peer = await fakeQemu(t, () => ({return: {}}));
	t.deepEqual(await qmpExecute(peer.path, 'system_powerdown'), {});
	t.deepEqual(peer.received, ['qmp_capabilities', 'system_powerdown']);
});

test("an error answer rejects with qemu's description", async t => {
	const peer = await fakeQemu(t, () => ({error: {class: 'GenericError', desc: 'no way'}}));
	await t.throwsAsync(qmpExecute(peer.path, 'system_powerdown'), {message: 'qemu refused system_powerdown: no way'});
});

test('a missing socket rejects', async t => {
	await t.throwsAsync(qmpExecute('/nonexistent/qmp.sock', 'system_powerdown'), {code: 'ENOENT'});
});

test('the monitor socket is a private chardev with an escaped path', t => {
	t.deepEqual(qmpArgs('/run/a,b/qmp.sock'), [
		'-chardev',
		'socket,id=vmspawn-qmp,path=/run/a,,b/qmp.sock,server=on,wait=off',
		'-mon',
		'chardev=vmspawn-qmp,mode=control',
	]);
});
