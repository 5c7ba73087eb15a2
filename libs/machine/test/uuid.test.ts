import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {parseMachineUuid} from '../src/index.js';

test('32 hex digits become the 8-4-4-4-12 form, lower case', t => {
	t.is(parseMachineUuid('0123456789ABCDEF0123456789abcdef'), '01234567-89ab-cdef-0123-456789abcdef');
});

test('the 8-4-4-4-12 form is kept', t => {
	t.is(parseMachineUuid('01234567-89ab-cdef-0123-456789abcdef'), '01234567-89ab-cdef-0123-456789abcdef');
});

for (const bad of ['', 'xyz', '0123456789abcdef0123456789abcde', '01234567-89ab-cdef-0123-456789abcdefa', '0123456789ab-cdef-0123-456789abcdef']) {
	test(`"${bad}" is refused`, t => {
		t.throws(() => parseMachineUuid(bad), {instanceOf: UsageError, message: /^invalid --uuid=.*: expected 32 hex digits/});
	});
}

test('an all-zero UUID is refused', t => {
	t.throws(() => parseMachineUuid('00000000-0000-0000-0000-000000000000'), {message: /may not be all zeroes/});
});
