import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {parseRam, planMachine} from '../src/index.js';

const M = 1024n ** 2n;

test('--ram= takes a size, optionally a maximum and hotplug slots, as upstream', t => {
	t.deepEqual(parseRam('2G'), {ramBytes: 2048n * M});
	t.deepEqual(parseRam('256M:1G'), {ramBytes: 256n * M, maxBytes: 1024n * M});
	t.deepEqual(parseRam('256M:1G:4'), {ramBytes: 256n * M, maxBytes: 1024n * M, slots: 4});
	t.deepEqual(parseRam('256M:1G:0'), {ramBytes: 256n * M, maxBytes: 1024n * M}, '0 slots is the default');
	t.deepEqual(parseRam('1G:1G'), {ramBytes: 1024n * M, maxBytes: 1024n * M});
	t.deepEqual(parseRam('1G::'), {ramBytes: 1024n * M}, 'empty fields are their defaults');
});

const bad: Array<[string, string]> = [
	['lots', 'invalid --ram=lots: expected a size such as 2G, 512M or 1.5G (suffixes B K M G T P E, base 1024)'],
	['1G:512M', 'invalid --ram=1G:512M: the maximum (MAXBYTES) must be at least the initial size'],
	['1G::4', 'invalid --ram=1G::4: hotplug slots need a maximum size (BYTES:MAXBYTES:SLOTS)'],
	['1G:2G:x', 'invalid --ram=1G:2G:x: expected SLOTS to be a number of hotplug slots up to 256, got "x"'],
	['1G:2G:257', 'invalid --ram=1G:2G:257: expected SLOTS to be a number of hotplug slots up to 256, got "257"'],
	['1G:2G:4:5', 'invalid --ram=1G:2G:4:5: expected BYTES[:MAXBYTES[:SLOTS]]'],
	['1G:many', 'invalid --ram=many: expected a size such as 2G, 512M or 1.5G (suffixes B K M G T P E, base 1024)'],
];

for (const [value, message] of bad) {
	test(`--ram=${value} is refused with one line`, t => {
		const error = t.throws(() => parseRam(value), {instanceOf: UsageError});
		t.is(error?.message, message);
	});
}

test('the machine section carries the hotplug maximum in MiB and the slots (1 by default)', t => {
	const request = {name: 'vm', cpus: '1', kvm: 'no' as const, arch: 'x86_64' as const, ramBytes: 256n * M};
	t.like(planMachine({...request, ramMaxBytes: 1024n * M + 1n, ramSlots: 4}).section, {ramMiB: 256, ramMaxMiB: 1025, ramSlots: 4});
	t.like(planMachine({...request, ramMaxBytes: 1024n * M}).section, {ramMaxMiB: 1024, ramSlots: 1});
	const plain = planMachine(request).section;
	t.false('ramMaxMiB' in plain || 'ramSlots' in plain);
});
