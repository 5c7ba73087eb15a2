import {mkdtemp, rm} from 'node:fs/promises';
import {type Server, type Socket, createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {type QmpEvent, buildQemuArgv, qmpEventSocketFor, watchQmpEvents} from '../src/index.js';

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-qmp-events-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

// A monitor that greets, answers qmp_capabilities, then lets the test send events.
function listen(path: string, onClient: (socket: Socket) => void): Promise<Server> {
	const server = createServer(socket => {
		// The client may hang up at any moment (stop()); that is not the test's failure.
		socket.on('error', () => undefined);
		socket.write('{"QMP": {"version": {}, "capabilities": []}}\r\n');
		socket.once('data', () => {
			socket.write('{"return": {}}\r\n');
			onClient(socket);
		});
	});
	return new Promise(resolve => server.listen(path, () => resolve(server)));
}

test('events arrive in order and closed resolves once qemu hangs up, after the last one', async t => {
	const path = join(await scratch(t), 'qmp-events.sock');
	const server = await listen(path, socket => {
		socket.write('{"timestamp": {}, "event": "GUEST_PANICKED", "data": {"action": "poweroff"}}\r\n');
		socket.end('{"timestamp": {}, "event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-panic"}}\r\n');
	});
	t.teardown(() => server.close());
	const events: QmpEvent[] = [];
	const watch = watchQmpEvents(
		path,
		event => events.push(event),
		() => false,
	);
	await watch.closed;
	t.deepEqual(
		events.map(event => event.event),
		['GUEST_PANICKED', 'SHUTDOWN'],
	);
	t.deepEqual(events[1]?.data, {guest: true, reason: 'guest-panic'});
});

test('a socket that appears late is waited for; one that never does is given up on when qemu is gone', async t => {
	const directory = await scratch(t);
	const late = join(directory, 'late.sock');
	const events: string[] = [];
	const watch = watchQmpEvents(
		late,
		event => events.push(event.event),
		() => false,
	);
	await new Promise(resolve => setTimeout(resolve, 100));
	const server = await listen(late, socket => socket.end('{"event": "STOP", "timestamp": {}}\r\n'));
	t.teardown(() => server.close());
	await watch.closed;
	t.deepEqual(events, ['STOP']);

	let qemuGone = false;
	const never = watchQmpEvents(
		join(directory, 'never.sock'),
		() => t.fail(),
		() => qemuGone,
	);
	qemuGone = true;
	await never.closed;
	t.pass();
});

test('stop() ends the watch', async t => {
	const path = join(await scratch(t), 'qmp-events.sock');
	const server = await listen(path, () => undefined);
	t.teardown(() => server.close());
	const watch = watchQmpEvents(
		path,
		() => undefined,
		() => false,
	);
	await new Promise(resolve => setTimeout(resolve, 50));
	watch.stop();
	await watch.closed;
	t.pass();
});

test('the events monitor sits next to the QMP socket, and x86 gets a pvpanic device with it', t => {
	t.is(qmpEventSocketFor('/run/vmspawn/vm-1/qmp.sock'), '/run/vmspawn/vm-1/qmp-events.sock');
	const machine = {name: 'vm', arch: 'x86_64' as const, type: 'q35', cpus: '1', ramMiB: 512, accelerator: 'tcg' as const};
	const {argv} = buildQemuArgv({binary: 'qemu', machine, console: {mode: 'read-only'}, kernelCommandLine: [], qmpSocket: '/run/x/qmp.sock'});
	t.true(argv.includes('socket,id=vmspawn-events,path=/run/x/qmp-events.sock,server=on,wait=off'));
	t.true(argv.includes('chardev=vmspawn-events,mode=control'));
	t.is(argv[argv.indexOf('pvpanic-pci') - 1], '-device');
	const s390 = buildQemuArgv({
		binary: 'qemu',
		machine: {...machine, arch: 's390x', type: 's390-ccw-virtio'},
		console: {mode: 'read-only'},
		kernelCommandLine: [],
		qmpSocket: '/run/x/qmp.sock',
	});
	t.false(s390.argv.includes('pvpanic-pci'), 'no PCI pvpanic where the machine has none');
	t.false(
		buildQemuArgv({binary: 'qemu', machine, console: {mode: 'read-only'}, kernelCommandLine: []}).argv.includes('pvpanic-pci'),
		'nobody would hear it without the events monitor',
	);
});

test('answered is true once the monitor answers a command, not at its greeting', async t => {
	const path = join(await scratch(t), 'qmp-events.sock');
	let answeredBeforeReply: boolean | undefined;
	let watch: ReturnType<typeof watchQmpEvents> | undefined;
	const server = createServer(socket => {
		socket.on('error', () => undefined);
		socket.write('{"QMP": {"version": {}, "capabilities": []}}\r\n');
		socket.once('data', () => {
			// The greeting has been read by now; the answer has not been sent yet.
			void Promise.race([watch!.answered, Promise.resolve('pending')]).then(state => {
				answeredBeforeReply = state === true;
				socket.end('{"return": {}}\r\n');
			});
		});
	});
	await new Promise<void>(resolve => server.listen(path, resolve));
	t.teardown(() => server.close());
	watch = watchQmpEvents(
		path,
		() => undefined,
		() => false,
	);
	t.true(await watch.answered);
	t.false(answeredBeforeReply);
});

test('answered is false when the watch ends without an answer', async t => {
	const watch = watchQmpEvents(
		join(await scratch(t), 'never.sock'),
		() => undefined,
		() => true,
	);
	t.false(await watch.answered);
});
