import test from 'ava';
import {PlanError, emptyPlan, planJsonSchema, validatePlan, withSection} from '../src/index.js';

test('no network is a section of its own', t => {
	t.deepEqual(withSection(emptyPlan(), 'network', {mode: 'none'}).network, {mode: 'none'});
});

test('a forward without a host address listens on loopback only', t => {
	const plan = validatePlan({version: '1.0', network: {mode: 'user', ports: [{protocol: 'tcp', hostPort: 2222, guestPort: 22}]}});
	t.deepEqual(plan.network, {mode: 'user', ports: [{protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: 2222, guestPort: 22}]});
});

test('user mode without ports gets an empty list', t => {
	t.deepEqual(validatePlan({version: '1.0', network: {mode: 'user'}}).network, {mode: 'user', ports: []});
});

test('a forward may name another host address', t => {
	const plan = validatePlan({version: '1.0', network: {mode: 'user', ports: [{protocol: 'udp', hostAddress: '0.0.0.0', hostPort: 53, guestPort: 53}]}});
	t.is(plan.network?.mode === 'user' ? plan.network.ports[0]?.hostAddress : undefined, '0.0.0.0');
});

test('ports outside 1..65535 and unknown protocols are refused', t => {
	for (const port of [
		{protocol: 'tcp', hostPort: 0, guestPort: 22},
		{protocol: 'tcp', hostPort: 22, guestPort: 65_536},
		{protocol: 'sctp', hostPort: 22, guestPort: 22},
	]) {
		t.throws(() => validatePlan({version: '1.0', network: {mode: 'user', ports: [port]}}), {instanceOf: PlanError});
	}
});

test('the same host port may not be forwarded twice', t => {
	const port = {protocol: 'tcp', hostPort: 8080, guestPort: 80};
	const error = t.throws(() => validatePlan({version: '1.0', network: {mode: 'user', ports: [port, {...port, guestPort: 81}]}}), {instanceOf: PlanError});
	t.deepEqual(error?.problems, ['plan.network.ports: each host port may be forwarded only once per protocol and address']);
});

test('a tap section carries the interface name and the mac', t => {
	const section = {mode: 'tap', ifname: 'vt-web1', mac: '1a:2b:3c:4d:5e:6f'} as const;
	t.deepEqual(withSection(emptyPlan(), 'network', section).network, section);
});

test('a tap name longer than 15 characters or an upper-case mac is refused', t => {
	t.throws(() => validatePlan({version: '1.0', network: {mode: 'tap', ifname: 'vt-0123456789abc', mac: '1a:2b:3c:4d:5e:6f'}}), {instanceOf: PlanError});
	t.throws(() => validatePlan({version: '1.0', network: {mode: 'tap', ifname: 'vt-web1', mac: '1A:2B:3C:4D:5E:6F'}}), {instanceOf: PlanError});
	t.throws(() => validatePlan({version: '1.0', network: {mode: 'tap', ifname: 'vt/web1', mac: '1a:2b:3c:4d:5e:6f'}}), {instanceOf: PlanError});
});

test('an unknown mode is refused', t => {
	t.throws(() => validatePlan({version: '1.0', network: {mode: 'bridge'}}), {instanceOf: PlanError});
});

test('the json schema describes the network modes', t => {
	const text = JSON.stringify(planJsonSchema());
	for (const mode of ['"none"', '"user"', '"tap"', '"hostAddress"']) {
		t.true(text.includes(mode), mode);
	}
});
