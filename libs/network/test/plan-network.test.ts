import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {emptyPlan, withSection} from '@vmspawn/plan';
import {type NetworkRequest, parseId128, planNetwork} from '../src/index.js';

const machineId = () => parseId128('0123456789abcdef0123456789abcdef')!;
const noMachineId = () => {
	throw new Error('the machine ID was read');
};

function request(overrides: Partial<NetworkRequest> = {}): NetworkRequest {
	return {userMode: false, tap: false, ports: [], machineName: 'web1', machineId: noMachineId, env: {}, uid: 1000, ...overrides};
}

test('by default the guest has no network', t => {
	t.deepEqual(planNetwork(request()), {section: {mode: 'none'}, warnings: []});
});

test('user mode needs no privileges and carries the forwards', t => {
	t.deepEqual(planNetwork(request({userMode: true, ports: ['2222:22', 'udp:5353:53']})), {
		section: {
			mode: 'user',
			ports: [
				{protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: 2222, guestPort: 22},
				{protocol: 'udp', hostAddress: '127.0.0.1', hostPort: 5353, guestPort: 53},
			],
		},
		warnings: [],
	});
});

test('a tap device as root gets vt-NAME and the derived mac', t => {
	t.deepEqual(planNetwork(request({tap: true, uid: 0, machineId})), {section: {mode: 'tap', ifname: 'vt-web1', mac: '7e:84:51:e7:be:35'}, warnings: []});
});

test('a long machine name gets a shortened tap name and a warning', t => {
	const {section, warnings} = planNetwork(request({tap: true, uid: 0, machineId, machineName: 'a-very-long-machine-name'}));
	t.deepEqual(section, {mode: 'tap', ifname: 'vt-a-very-l3jcI', mac: '8e:0f:28:c2:31:59'});
	t.deepEqual(warnings, ["Network interface name 'vt-a-very-long-machine-name' has been changed to 'vt-a-very-l3jcI' to fit length constraints."]);
});

test('a tap device without root is refused with EPERM in upstream words', t => {
	const error = t.throws(() => planNetwork(request({tap: true, uid: 1000})), {instanceOf: CliError});
	t.is(error?.message, '--network-tap requires root privileges, refusing.');
	t.is(error?.exitCode, 1);
});

test('user mode and tap together are a usage error', t => {
	t.throws(() => planNetwork(request({userMode: true, tap: true, uid: 0})), {instanceOf: UsageError, message: /cannot be combined/});
});

test('ports without user mode are refused, saying what would work', t => {
	t.throws(() => planNetwork(request({ports: ['80']})), {instanceOf: UsageError, message: /--port= needs --network-user-mode/});
	t.throws(() => planNetwork(request({tap: true, uid: 0, ports: ['80']})), {instanceOf: UsageError, message: /cannot be used with --network-tap.*nft/});
});

test('the mac from the environment wins and the machine id is not read', t => {
	const {section} = planNetwork(request({tap: true, uid: 0, env: {SYSTEMD_VMSPAWN_NETWORK_MAC: '12:34:56:78:90:AB'}}));
	t.deepEqual(section, {mode: 'tap', ifname: 'vt-web1', mac: '12:34:56:78:90:ab'});
});

test('an all-zero mac in the environment means derive one, as upstream', t => {
	const {section} = planNetwork(request({tap: true, uid: 0, machineId, env: {SYSTEMD_VMSPAWN_NETWORK_MAC: '00:00:00:00:00:00'}}));
	t.is(section.mode === 'tap' ? section.mac : undefined, '7e:84:51:e7:be:35');
});

test('an unparsable mac in the environment is an error naming the variable, even without a tap', t => {
	for (const overrides of [{tap: true, uid: 0}, {}]) {
		const error = t.throws(() => planNetwork(request({...overrides, env: {SYSTEMD_VMSPAWN_NETWORK_MAC: 'nope'}})), {instanceOf: CliError});
		t.regex(error?.message ?? '', /^Failed to parse provided MAC address via environment variable \$SYSTEMD_VMSPAWN_NETWORK_MAC=nope: /);
		t.is(error?.exitCode, 22);
	}
});

test('the machine id is not read for none or user mode', t => {
	t.notThrows(() => planNetwork(request({userMode: true})));
	t.notThrows(() => planNetwork(request()));
});

test('an unreadable machine id says the mac could not be derived and how to avoid it', t => {
	const machineIdMissing = () => {
		throw new CliError("cannot read the host's machine ID from /etc/machine-id: ENOENT", {exitCode: 2});
	};

	const error = t.throws(() => planNetwork(request({tap: true, uid: 0, machineId: machineIdMissing})), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^Failed to generate predictable MAC address for VM side: .*\/etc\/machine-id.*SYSTEMD_VMSPAWN_NETWORK_MAC/);
	t.is(error?.exitCode, 2);
});

test('every section it makes is a valid plan section', t => {
	for (const overrides of [{}, {userMode: true, ports: ['2222:22']}, {tap: true, uid: 0, machineId, machineName: 'a-very-long-machine-name'}]) {
		const {section} = planNetwork(request(overrides));
		t.deepEqual(withSection(emptyPlan(), 'network', section).network, section);
	}
});
