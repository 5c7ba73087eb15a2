import test from 'ava';
import {CliError, type Logger, errno} from '@vmspawn/cli';
import {type MachineBus, MachineBusError, type RegisterMachineArgs, machineRegistration} from '../src/index.js';

const absentHint = " (systemd-machined is in Debian's systemd-container; or pass --register=no or --register=auto)";

// The seam: a bus that records calls and fails as told, standing in for the system bus.
type Calls = {connects: number; registered: RegisterMachineArgs[]; unregistered: string[]; closed: number};

function imitatedBus(behaviour: {connect?: Error; register?: Error; unregister?: Error} = {}) {
	const calls: Calls = {connects: 0, registered: [], unregistered: [], closed: 0};
	const connect = async (): Promise<MachineBus> => {
		calls.connects++;
		if (behaviour.connect) {
			throw behaviour.connect;
		}

		return {
			async registerMachine(args) {
				calls.registered.push(args);
				if (behaviour.register) {
					throw behaviour.register;
				}
			},
			async unregisterMachine(name) {
				calls.unregistered.push(name);
				if (behaviour.unregister) {
					throw behaviour.unregister;
				}
			},
			close() {
				calls.closed++;
			},
		};
	};

	return {calls, connect};
}

function recordingLog(): Logger & {lines: string[]} {
	const lines: string[] = [];
	return {quiet: false, lines, info: message => lines.push(message), warn: message => lines.push(`warning: ${message}`)};
}

const noBus = new MachineBusError('cannot connect to the system bus at unix:path=/run/dbus/system_bus_socket: No such file or directory', {code: 'ENOENT'});
const notActivatable = new MachineBusError('The name org.freedesktop.machine1 was not provided by any .service files', {
	dbusName: 'org.freedesktop.DBus.Error.ServiceUnknown',
});
const exists = new MachineBusError("Machine 'web1' already exists", {dbusName: 'org.freedesktop.machine1.MachineExists'});
const machine = {name: 'web1', uuid: '0123abcd-4567-89ef-0011-223344556677', rootDirectory: '/srv/web1'};

test('yes: the VM is registered with its leader, unregistered by name, and each connection closed (imitated bus)', async t => {
	const {calls, connect} = imitatedBus();
	const registration = machineRegistration('yes', machine, {env: {}, log: recordingLog(), connect});
	await registration.register(1234);
	t.is(calls.registered.length, 1);
	t.deepEqual(
		calls.registered[0]!.map(value => (Buffer.isBuffer(value) ? value.toString('hex') : value)),
		['web1', '0123abcd456789ef0011223344556677', 'vmspawn-run', 'vm', 1234, '/srv/web1'],
	);
	await registration.unregister();
	t.deepEqual(calls.unregistered, ['web1']);
	await registration.unregister();
	t.deepEqual(calls.unregistered, ['web1'], 'unregistered once, however often asked');
	t.is(calls.closed, calls.connects);
});

test('yes without a system bus fails with one line naming the reason, exit status ENOENT (imitated bus)', async t => {
	const {connect} = imitatedBus({connect: noBus});
	const registration = machineRegistration('yes', machine, {env: {}, log: recordingLog(), connect});
	const error = await t.throwsAsync(registration.register(1), {instanceOf: CliError});
	t.is(error?.message, `failed to register machine: ${noBus.message}${absentHint}`);
	t.is(error?.exitCode, errno.ENOENT);
});

test('yes when machine1 is not activatable fails too (imitated bus)', async t => {
	const {calls, connect} = imitatedBus({register: notActivatable});
	const registration = machineRegistration('yes', machine, {env: {}, log: recordingLog(), connect});
	await t.throwsAsync(registration.register(1), {
		instanceOf: CliError,
		message: `failed to register machine: The name org.freedesktop.machine1 was not provided by any .service files${absentHint}`,
	});
	await registration.unregister();
	t.deepEqual(calls.unregistered, [], 'nothing to unregister after a failed registration');
	t.is(calls.closed, 1);
});

test('auto without a system bus or without machined boots unregistered, saying why once (imitated bus)', async t => {
	for (const behaviour of [
		{connect: noBus},
		{register: notActivatable},
		{register: new MachineBusError('Process org.freedesktop.machine1 exited with status 1', {dbusName: 'org.freedesktop.DBus.Error.Spawn.ChildExited'})},
	]) {
		const {calls, connect} = imitatedBus(behaviour);
		const log = recordingLog();
		const registration = machineRegistration('auto', machine, {env: {}, log, connect});
		await t.notThrowsAsync(registration.register(1));
		await registration.unregister();
		t.deepEqual(calls.unregistered, []);
		t.is(log.lines.length, 1);
		t.regex(log.lines[0]!, /^Not registering the VM with systemd-machined: /);
	}
});

test('auto also boots unregistered when machined denies the call, saying why once: the default for unprivileged users (imitated bus)', async t => {
	for (const dbusName of ['org.freedesktop.DBus.Error.AccessDenied', 'org.freedesktop.DBus.Error.InteractiveAuthorizationRequired']) {
		const {calls, connect} = imitatedBus({register: new MachineBusError('Access denied', {dbusName})});
		const log = recordingLog();
		await t.notThrowsAsync(machineRegistration('auto', machine, {env: {}, log, connect}).register(1));
		t.deepEqual(log.lines, ['Not registering the VM with systemd-machined: Access denied']);
		t.is(calls.closed, 1);
	}
});

test('auto still fails when machined is there and refuses, e.g. a name already registered (imitated bus)', async t => {
	const {connect} = imitatedBus({register: exists});
	const registration = machineRegistration('auto', machine, {env: {}, log: recordingLog(), connect});
	const error = await t.throwsAsync(registration.register(1), {instanceOf: CliError});
	t.is(error?.message, "failed to register machine: Machine 'web1' already exists");
	t.is(error?.exitCode, errno.EEXIST);
});

test('refusals map to errno exit statuses: access denied EACCES, anything unknown EIO (imitated bus)', async t => {
	for (const [failure, status] of [
		[new MachineBusError('Access denied', {dbusName: 'org.freedesktop.DBus.Error.AccessDenied'}), errno.EACCES],
		[new MachineBusError('Failed to determine unit of process 81 : No such device or address', {dbusName: 'org.freedesktop.DBus.Error.Failed'}), errno.EIO],
		[new MachineBusError('RegisterMachine on the system bus timed out after 25 s', {code: 'ETIMEDOUT'}), errno.ETIMEDOUT],
		[new Error('something else'), errno.EIO],
	] as const) {
		const {connect} = imitatedBus({register: failure});
		const error = await t.throwsAsync(machineRegistration('yes', machine, {env: {}, log: recordingLog(), connect}).register(1), {instanceOf: CliError});
		t.is(error?.exitCode, status, failure.message);
	}
});

test('unregistering ignores every error, as upstream does (imitated bus)', async t => {
	let connectFails = false;
	const {calls, connect} = imitatedBus({unregister: new MachineBusError("No machine 'web1' known", {dbusName: 'org.freedesktop.machine1.NoSuchMachine'})});
	const registration = machineRegistration('yes', machine, {
		env: {},
		log: recordingLog(),
		connect: async () => {
			if (connectFails) {
				throw noBus;
			}

			return connect();
		},
	});
	await registration.register(1);
	await t.notThrowsAsync(registration.unregister());
	t.deepEqual(calls.unregistered, ['web1']);

	const second = machineRegistration('yes', machine, {env: {}, log: recordingLog(), connect});
	await second.register(1);
	connectFails = true;
	await t.notThrowsAsync(second.unregister());
});
