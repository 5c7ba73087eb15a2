import test from 'ava';
import {CliError, createLogger} from '@vmspawn/cli';
import * as dbus from 'dbus-next';
import {machineScope, scopeOptionDefs, type ScopeRequest} from '../src/index.js';
import {startPrivateBus} from './helpers/private-bus.js';

// An imitated systemd on a real dbus-daemon: StartTransientUnit, its job, GetUnit, and the RequestStop it sends the controller.
const log = createLogger('test', true);
const unitPath = '/org/freedesktop/systemd1/unit/web1_2escope';
const plain: ScopeRequest = {keepUnit: false, properties: []};

type Answer = (message: dbus.Message, service: dbus.MessageBus) => dbus.Message | undefined;

const finishJob =
	(result: string): Answer =>
	(message, service) => {
		const job = '/org/freedesktop/systemd1/job/7';
		// The job ends before the reply is read, as it can with systemd: the caller must not miss it.
		service.send(
			dbus.Message.newSignal('/org/freedesktop/systemd1', 'org.freedesktop.systemd1.Manager', 'JobRemoved', 'uoss', [
				7,
				job,
				(message.body as string[])[0]!,
				result,
			]),
		);
		return dbus.Message.newMethodReturn(message, 'o', [job]);
	};

async function imitatedSystemd(t: {teardown(fn: () => void): void}, address: string, start: Answer) {
	const received: dbus.Message[] = [];
	const service = dbus.sessionBus({busAddress: address});
	t.teardown(() => service.disconnect());
	service.on('error', () => undefined);
	await service.requestName('org.freedesktop.systemd1', 0);
	service.addMethodHandler((message: dbus.Message) => {
		if (message.interface !== 'org.freedesktop.systemd1.Manager') {
			return false;
		}

		received.push(message);
		const reply = message.member === 'GetUnit' ? dbus.Message.newMethodReturn(message, 'o', [unitPath]) : start(message, service);
		if (reply) {
			service.send(reply);
		}

		return true;
	});
	return {received, service};
}

test("the scope is NAME.scope holding the given pids, upstream's properties then the user's, and RequestStop reaches us", async t => {
	const bus = await startPrivateBus(t);
	const systemd = await imitatedSystemd(t, bus.address, finishJob('done'));
	let stopRequested = 0;
	const request: ScopeRequest = {keepUnit: false, slice: 'vms.slice', properties: [['MemoryMax', 't', 1024n]]};
	const scope = machineScope(request, 'web1', {
		env: {DBUS_SYSTEM_BUS_ADDRESS: bus.address},
		log,
		booted: () => true,
		euid: 0,
		onStopRequested: () => stopRequested++,
	});
	t.teardown(() => scope.release());
	await scope.allocate([4242, 4343]);
	const start = systemd.received.find(message => message.member === 'StartTransientUnit')!;
	t.is(start.signature, 'ssa(sv)a(sa(sv))');
	const [name, mode, properties, auxiliary] = start.body as [string, string, Array<[string, dbus.Variant]>, unknown[]];
	t.deepEqual([name, mode, auxiliary], ['web1.scope', 'fail', []]);
	const shown = properties.map(([property, variant]) => [property, variant.signature, variant.value]);
	t.deepEqual(
		shown.filter(([property]) => property !== 'Controller'),
		[
			['PIDs', 'au', [4242, 4343]],
			['Description', 's', 'Virtual Machine web1'],
			['CollectMode', 's', 'inactive-or-failed'],
			['AddRef', 'b', true],
			['Slice', 's', 'vms.slice'],
			['MemoryMax', 't', 1024n],
		],
	);
	const controller = shown.find(([property]) => property === 'Controller');
	t.regex(String(controller?.[2]), /^:\d+\.\d+$/, 'our unique bus name controls the scope');

	const requested = new Promise<void>(resolve => {
		const timer = setInterval(() => {
			if (stopRequested > 0) {
				clearInterval(timer);
				resolve();
			}
		}, 10);
	});
	const signal = dbus.Message.newSignal(unitPath, 'org.freedesktop.systemd1.Scope', 'RequestStop', '', []);
	signal.destination = String(controller?.[2]);
	systemd.service.send(signal);
	await requested;
	t.is(stopRequested, 1);
});

test("a scope that exists already (a second VM of that name) is fatal with EEXIST and systemd's words", async t => {
	const bus = await startPrivateBus(t);
	await imitatedSystemd(t, bus.address, message =>
		dbus.Message.newError(message as unknown as string, 'org.freedesktop.systemd1.UnitExists', 'Unit web1.scope was already loaded or has a fragment file.'),
	);
	const scope = machineScope(plain, 'web1', {env: {DBUS_SYSTEM_BUS_ADDRESS: bus.address}, log, booted: () => true, euid: 0, onStopRequested() {}});
	const error = await t.throwsAsync(scope.allocate([1]), {instanceOf: CliError});
	t.is(error?.message, 'failed to allocate scope unit web1.scope: Unit web1.scope was already loaded or has a fragment file.');
	t.is(error?.exitCode, 17);
});

test('a start job that fails is fatal', async t => {
	const bus = await startPrivateBus(t);
	await imitatedSystemd(t, bus.address, finishJob('failed'));
	const scope = machineScope(plain, 'web1', {env: {DBUS_SYSTEM_BUS_ADDRESS: bus.address}, log, booted: () => true, euid: 0, onStopRequested() {}});
	await t.throwsAsync(scope.allocate([1]), {
		instanceOf: CliError,
		message: "failed to allocate scope unit web1.scope: the start job of web1.scope ended with result 'failed'",
	});
});

test('without systemd there is no scope and no word about it; --slice=/--property= then fail', async t => {
	const env = {DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/vmspawn-bus'};
	await t.notThrowsAsync(machineScope(plain, 'web1', {env, log, booted: () => false, euid: 0, onStopRequested() {}}).allocate([1]));
	const error = await t.throwsAsync(
		machineScope({...plain, slice: 'vms.slice'}, 'web1', {env, log, booted: () => false, euid: 0, onStopRequested() {}}).allocate([1]),
		{instanceOf: CliError},
	);
	t.is(error?.message, 'cannot allocate scope unit web1.scope for --slice=/--property=: systemd does not run this system (no /run/systemd/system)');
	t.is(error?.exitCode, 2);
});

test('a booted system whose bus is not there: no scope, said once; --keep-unit never asks', async t => {
	const lines: string[] = [];
	const logger = {...log, info: (line: string) => lines.push(line)};
	const env = {DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/vmspawn-bus'};
	await machineScope(plain, 'web1', {env, log: logger, booted: () => true, euid: 0, onStopRequested() {}}).allocate([1]);
	t.deepEqual(lines, [
		'Not putting the VM in scope unit web1.scope: cannot connect to the system bus at unix:path=/nonexistent/vmspawn-bus: No such file or directory',
	]);
	await machineScope({...plain, keepUnit: true}, 'web1', {env, log: logger, booted: () => true, euid: 0, onStopRequested() {}}).allocate([1]);
	t.is(lines.length, 1);
});

test('other users get their own manager (the user bus) unless --system says otherwise', async t => {
	const bus = await startPrivateBus(t);
	const systemd = await imitatedSystemd(t, bus.address, finishJob('done'));
	const userEnv = {DBUS_SESSION_BUS_ADDRESS: bus.address, DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/vmspawn-bus'};
	const scope = machineScope(plain, 'web1', {env: userEnv, log, booted: () => true, euid: 1000, onStopRequested() {}});
	t.teardown(() => scope.release());
	await scope.allocate([1]);
	t.true(systemd.received.some(message => message.member === 'StartTransientUnit'));
	const lines: string[] = [];
	await machineScope({...plain, runtimeScope: 'system'}, 'web1', {
		env: userEnv,
		log: {...log, info: (line: string) => lines.push(line)},
		booted: () => true,
		euid: 1000,
		onStopRequested() {},
	}).allocate([1]);
	t.regex(lines[0] ?? '', /cannot connect to the system bus/);
	t.truthy(scopeOptionDefs.find(option => option.name === 'user'));
});
