import test from 'ava';
import {createLogger} from '@vmspawn/cli';
import * as dbus from 'dbus-next';
import {MachineBusError, connectSystemBus, isMachinedAbsent, machineRegistration, registerMachineArgs, systemBusAddress} from '../src/index.js';
import {startPrivateBus} from './helpers/private-bus.js';

// dbus-next against a real dbus-daemon: what "absent" looks like on the wire, and the call itself.
const machine = {name: 'web1', uuid: '0123abcd-4567-89ef-0011-223344556677', rootDirectory: '/srv/web1'};

test('the system bus is $DBUS_SYSTEM_BUS_ADDRESS, else the standard socket', t => {
	t.is(systemBusAddress({}), 'unix:path=/run/dbus/system_bus_socket');
	t.is(systemBusAddress({DBUS_SYSTEM_BUS_ADDRESS: ''}), 'unix:path=/run/dbus/system_bus_socket');
	t.is(systemBusAddress({DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/tmp/x'}), 'unix:path=/tmp/x');
});

test('no socket at the bus address: machined is absent, and the reason names the address', async t => {
	const error = await t.throwsAsync(connectSystemBus({DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/vmspawn-bus'}), {instanceOf: MachineBusError});
	t.is(error?.code, 'ENOENT');
	t.true(isMachinedAbsent(error));
	t.is(error?.message, 'cannot connect to the system bus at unix:path=/nonexistent/vmspawn-bus: No such file or directory');
});

test('a real bus where org.freedesktop.machine1 is not activatable: machined is absent', async t => {
	const bus = await startPrivateBus(t);
	const connection = await connectSystemBus({DBUS_SYSTEM_BUS_ADDRESS: bus.address});
	t.teardown(() => connection.close());
	const error = await t.throwsAsync(connection.registerMachine(registerMachineArgs(machine, process.pid)), {instanceOf: MachineBusError});
	t.is(error?.dbusName, 'org.freedesktop.DBus.Error.ServiceUnknown');
	t.regex(error?.message ?? '', /org\.freedesktop\.machine1/);
	t.true(isMachinedAbsent(error));
});

test('a real bus that cannot start machine1 counts as absent too', async t => {
	const bus = await startPrivateBus(t, {'org.freedesktop.machine1': '[D-BUS Service]\nName=org.freedesktop.machine1\nExec=/bin/false\n'});
	const connection = await connectSystemBus({DBUS_SYSTEM_BUS_ADDRESS: bus.address});
	t.teardown(() => connection.close());
	const error = await t.throwsAsync(connection.registerMachine(registerMachineArgs(machine, process.pid)), {instanceOf: MachineBusError});
	t.regex(error?.dbusName ?? '', /^org\.freedesktop\.DBus\.Error\.Spawn\./);
	t.true(isMachinedAbsent(error));
});

test("--register=auto on a real bus without machined goes on, yes fails with the bus's reason", async t => {
	const bus = await startPrivateBus(t);
	const env = {DBUS_SYSTEM_BUS_ADDRESS: bus.address};
	await t.notThrowsAsync(machineRegistration('auto', machine, {env, log: createLogger('test', true)}).register(process.pid));
	await t.throwsAsync(machineRegistration('yes', machine, {env, log: createLogger('test', true)}).register(process.pid), {
		message: /^failed to register machine: .*org\.freedesktop\.machine1/,
	});
});

// A stand-in that owns org.freedesktop.machine1 on a real bus and records the raw messages.
async function imitatedMachined(t: {teardown(fn: () => void): void}, address: string, answer: (message: dbus.Message) => dbus.Message | undefined) {
	const received: dbus.Message[] = [];
	const service = dbus.sessionBus({busAddress: address});
	t.teardown(() => service.disconnect());
	service.on('error', () => undefined);
	await service.requestName('org.freedesktop.machine1', 0);
	service.addMethodHandler((message: dbus.Message) => {
		if (message.interface !== 'org.freedesktop.machine1.Manager') {
			return false;
		}

		received.push(message);
		const reply = answer(message);
		if (reply) {
			service.send(reply);
		}

		return true;
	});
	return received;
}

test('RegisterMachine and UnregisterMachine arrive as machined expects them (imitated machined)', async t => {
	const bus = await startPrivateBus(t);
	const received = await imitatedMachined(t, bus.address, message =>
		dbus.Message.newMethodReturn(
			message,
			message.member === 'RegisterMachine' ? 'o' : '',
			message.member === 'RegisterMachine' ? ['/org/freedesktop/machine1/machine/web1'] : [],
		),
	);
	const registration = machineRegistration('yes', machine, {env: {DBUS_SYSTEM_BUS_ADDRESS: bus.address}, log: createLogger('test', true)});
	await registration.register(4242);
	await registration.unregister();
	t.is(received.length, 2);
	const [register, unregister] = received;
	t.like(register, {path: '/org/freedesktop/machine1', destination: 'org.freedesktop.machine1', member: 'RegisterMachine', signature: 'sayssus'});
	const [name, id, service, machineClass, leader, root] = register!.body as [string, Buffer, string, string, number, string];
	t.deepEqual(
		[name, Buffer.from(id).toString('hex'), service, machineClass, leader, root],
		['web1', '0123abcd456789ef0011223344556677', 'vmspawn-run', 'vm', 4242, '/srv/web1'],
	);
	t.like(unregister, {member: 'UnregisterMachine', signature: 's', body: ['web1']});
});

test("machined's refusal comes back as its own text and error name (imitated machined)", async t => {
	const bus = await startPrivateBus(t);
	// dbus-next's typings give newError() a string; it takes the message it answers.
	await imitatedMachined(t, bus.address, message =>
		dbus.Message.newError(message as unknown as string, 'org.freedesktop.machine1.MachineExists', "Machine 'web1' already exists"),
	);
	const error = await t.throwsAsync(
		machineRegistration('auto', machine, {env: {DBUS_SYSTEM_BUS_ADDRESS: bus.address}, log: createLogger('test', true)}).register(1),
	);
	t.is(error?.message, "failed to register machine: Machine 'web1' already exists");
});

test('a machined that never answers times out instead of hanging (imitated machined)', async t => {
	const bus = await startPrivateBus(t);
	await imitatedMachined(t, bus.address, () => undefined);
	// Connecting may take a while on a loaded machine; the call is what must time out.
	const connection = await connectSystemBus({DBUS_SYSTEM_BUS_ADDRESS: bus.address}, 30_000, 300);
	t.teardown(() => connection.close());
	await t.throwsAsync(connection.registerMachine(registerMachineArgs(machine, 1)), {
		instanceOf: MachineBusError,
		message: 'RegisterMachine on the system bus timed out after 0.3 s',
	});
});
