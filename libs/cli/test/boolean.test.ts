import test from 'ava';
import {UsageError, parseBoolean, parseTristate} from '../src/index.js';

for (const word of ['1', 'yes', 'y', 'true', 't', 'on', 'YES', 'On']) {
	test(`"${word}" is true`, t => {
		t.true(parseBoolean('register', word));
	});
}

for (const word of ['0', 'no', 'n', 'false', 'f', 'off', 'NO', 'Off']) {
	test(`"${word}" is false`, t => {
		t.false(parseBoolean('register', word));
	});
}

test('a non-boolean names the option and value', t => {
	const error = t.throws(() => parseBoolean('register', 'maybe'), {instanceOf: UsageError});
	t.is(error?.message, 'invalid --register=maybe: expected a boolean (yes/no, true/false, on/off, 1/0)');
	t.is(error?.exitCode, 22);
});

test('auto is accepted where detection exists, booleans normalised', t => {
	t.is(parseTristate('kvm', 'AUTO'), 'auto');
	t.is(parseTristate('kvm', 'on'), 'yes');
	t.is(parseTristate('kvm', '0'), 'no');
	t.throws(() => parseTristate('kvm', 'maybe'), {message: /^invalid --kvm=maybe: expected a boolean .* or auto$/});
});

test('an empty value is auto, as systemd\'s parse_tristate() takes it (mkosi passes --kvm "")', t => {
	t.is(parseTristate('kvm', ''), 'auto');
});
