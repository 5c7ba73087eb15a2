import test from 'ava';
import {deriveMac, formatMac, parseId128, parseMac} from '../src/index.js';
import {referenceMac} from './helpers/one-shot-siphash.js';

const machineIdHex = '0123456789abcdef0123456789abcdef';
const machineId = parseId128(machineIdHex)!;
const names = ['a-very-long-machine-name', 'web1', 'abcdefghijklm', 'fedora-rawhide-x86-64', 'test.example.com', 'x'.repeat(64)];

test('the derived mac matches an independent derivation', t => {
	for (const name of names) {
		t.is(formatMac(deriveMac(machineId, name)), referenceMac(machineIdHex, name), name);
	}
});

test('fixed vectors for the derived mac', t => {
	t.is(formatMac(deriveMac(machineId, 'a-very-long-machine-name')), '8e:0f:28:c2:31:59');
	t.is(formatMac(deriveMac(machineId, 'web1')), '7e:84:51:e7:be:35');
});

test('a derived mac is unicast and locally administered', t => {
	for (const name of names) {
		const mac = deriveMac(machineId, name);
		t.is(mac.length, 6);
		t.is(mac[0]! & 0x01, 0, `${name}: multicast bit`);
		t.is(mac[0]! & 0x02, 0x02, `${name}: locally administered bit`);
	}
});

test('the mac depends on the host machine id as well as the name', t => {
	const other = parseId128('fedcba9876543210fedcba9876543210')!;
	t.not(formatMac(deriveMac(other, 'web1')), formatMac(deriveMac(machineId, 'web1')));
	t.not(formatMac(deriveMac(machineId, 'web2')), formatMac(deriveMac(machineId, 'web1')));
});

test('a mac is printed lower-case and colon-separated', t => {
	t.is(formatMac(Uint8Array.from([0x0a, 0xbc, 0x00, 0x01, 0xff, 0x10])), '0a:bc:00:01:ff:10');
});

test('macs parse in the forms systemd accepts', t => {
	const expected = Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x90, 0xab]);
	for (const text of ['12:34:56:78:90:AB', '12-34-56-78-90-ab', '1234.5678.90ab']) {
		t.deepEqual(parseMac(text), expected, text);
	}

	t.deepEqual(parseMac('2:0:0:0:0:1'), Uint8Array.from([2, 0, 0, 0, 0, 1]));
});

test('malformed macs are refused', t => {
	for (const text of [
		'',
		'12:34:56:78:90',
		'12:34:56:78:90:ab:cd',
		'12:34-56:78:90:ab',
		'123:45:67:89:ab:cd',
		'zz:34:56:78:90:ab',
		'12:34:56:78:90:ab ',
		'1234.5678',
	]) {
		t.is(parseMac(text), undefined, JSON.stringify(text));
	}
});
