import test from 'ava';
import {tapName} from '../src/index.js';
import {referenceTapName} from './helpers/one-shot-siphash.js';

test('a short machine name becomes vt-NAME unchanged and without a warning', t => {
	t.deepEqual(tapName('web1'), {ifname: 'vt-web1'});
});

test('vt-NAME of exactly 15 bytes still fits', t => {
	t.deepEqual(tapName('abcdefghijkl'), {ifname: 'vt-abcdefghijkl'});
});

test('vt-NAME of 16 bytes or more is shortened to 15 with the vt- prefix and 11 bytes kept', t => {
	for (const name of ['abcdefghijklm', 'a-very-long-machine-name', 'fedora-rawhide-x86-64', 'x'.repeat(64)]) {
		const {ifname} = tapName(name);
		t.is(ifname.length, 15, name);
		t.true(ifname.startsWith(`vt-${name}`.slice(0, 11)), name);
		t.regex(ifname.slice(11), /^[A-Za-z0-9_-]{4}$/, name);
	}
});

test('shortened names match an independent derivation', t => {
	for (const name of [
		'abcdefghijklm',
		'a-very-long-machine-name',
		'a-very-long-machine-nam3',
		'fedora-rawhide-x86-64',
		'test.example.com',
		'web1',
		'x'.repeat(64),
	]) {
		t.is(tapName(name).ifname, referenceTapName(name), name);
	}
});

test('fixed vectors for long names', t => {
	t.is(tapName('a-very-long-machine-name').ifname, 'vt-a-very-l3jcI');
	t.is(tapName('a-very-long-machine-nam3').ifname, 'vt-a-very-lpCk7');
	t.is(tapName('abcdefghijklm').ifname, 'vt-abcdefghaif0');
});

test('long names that share their first bytes still get different interfaces', t => {
	t.not(tapName('a-very-long-machine-name').ifname, tapName('a-very-long-machine-nam3').ifname);
});

test('shortening warns in upstream words', t => {
	t.is(
		tapName('a-very-long-machine-name').warning,
		"Network interface name 'vt-a-very-long-machine-name' has been changed to 'vt-a-very-l3jcI' to fit length constraints.",
	);
});
