import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {parsePrivateUsers} from '../src/index.js';

test('the range defaults to 65536', t => {
	t.deepEqual(parsePrivateUsers('100000'), {shift: 100_000, range: 65_536});
	t.deepEqual(parsePrivateUsers('100000:1000'), {shift: 100_000, range: 1000});
	t.deepEqual(parsePrivateUsers('0:1'), {shift: 0, range: 1});
});

for (const value of ['', 'yes', '-1', '1:', ':5', '1:0', '65535', '4294967295', '4294967000:65536', '1:2:3']) {
	test(`--private-users=${value} is refused`, t => {
		const error = t.throws(() => parsePrivateUsers(value), {instanceOf: UsageError});
		t.true(error?.message.startsWith(`invalid --private-users=${value}: `));
	});
}
