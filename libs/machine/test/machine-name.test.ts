import {hostname} from 'node:os';
import test from 'ava';
import {defaultMachineName, isValidMachineName} from '../src/index.js';

test('the image name without .raw names the machine', t => {
	t.is(defaultMachineName({image: '/var/lib/machines/fedora.raw'}), 'fedora');
	t.is(defaultMachineName({image: '/srv/disk.qcow2'}), 'disk.qcow2');
});

test('the directory name names the machine, the host name for /', t => {
	t.is(defaultMachineName({directory: '/var/lib/machines/debian-root'}), 'debian-root');
	t.is(defaultMachineName({directory: '/'}), defaultMachineName({}));
	t.is(defaultMachineName({}), hostname().replace(/[^A-Za-z0-9._-]/g, '') || undefined);
});

test('invalid characters are cleaned out of a derived name', t => {
	t.is(defaultMachineName({directory: '/tmp/my root!'}), 'myroot');
	t.is(defaultMachineName({directory: '/tmp/..'}), undefined);
});

for (const name of ['vm1', 'web.example', 'a_b-c', 'x'.repeat(64)]) {
	test(`"${name.slice(0, 20)}" is a valid machine name`, t => {
		t.true(isValidMachineName(name));
	});
}

for (const name of ['', '.vm', 'vm.', 'a..b', 'with space', 'x'.repeat(65), 'ü']) {
	test(`"${name.slice(0, 20)}" is not a valid machine name`, t => {
		t.false(isValidMachineName(name));
	});
}
