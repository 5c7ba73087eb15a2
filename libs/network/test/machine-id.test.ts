import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {parseId128, readHostMachineId} from '../src/index.js';

const reading = (content: string) => () => content;

test('a machine id is 32 hex digits and a newline', t => {
	t.deepEqual(readHostMachineId('/etc/machine-id', reading('0123456789ABCDEF0123456789abcdef\n')), parseId128('0123456789abcdef0123456789abcdef'));
});

test('an uninitialized, empty or all-zero machine id is ENOMEDIUM', t => {
	for (const content of ['', '\n', 'uninitialized\n', `${'0'.repeat(32)}\n`]) {
		const error = t.throws(() => readHostMachineId('/etc/machine-id', reading(content)), {instanceOf: CliError}, JSON.stringify(content));
		t.is(error?.exitCode, 123);
	}
});

test('anything else is not a machine id', t => {
	for (const content of ['0123456789abcdef\n', '01234567-89ab-cdef-0123-456789abcdef\n', `${'g'.repeat(32)}\n`, '0123456789abcdef0123456789abcdef\n\n']) {
		t.throws(
			() => readHostMachineId('/etc/machine-id', reading(content)),
			{instanceOf: CliError, message: /does not hold a machine ID/},
			JSON.stringify(content),
		);
	}
});

test('a missing file is reported with its errno', t => {
	const error = t.throws(() => readHostMachineId('/nonexistent/machine-id'), {instanceOf: CliError});
	t.is(error?.exitCode, 2);
	t.regex(error?.message ?? '', /^cannot read the host's machine ID from \/nonexistent\/machine-id/);
});

test('ids parse with or without the uuid dashes, nothing else', t => {
	t.deepEqual(
		parseId128('e190a404-a8ef-4b51-8ccc-c33a9f11fca2'),
		Uint8Array.from([0xe1, 0x90, 0xa4, 0x04, 0xa8, 0xef, 0x4b, 0x51, 0x8c, 0xcc, 0xc3, 0x3a, 0x9f, 0x11, 0xfc, 0xa2]),
	);
	t.is(parseId128('e190a404a8ef-4b51-8ccc-c33a9f11fca2'), undefined);
	t.is(parseId128('e190a404'), undefined);
});
