import test from 'ava';
import {UsageError, parseSize, toMiBRoundedUp} from '../src/index.js';

const cases: Array<[string, bigint]> = [
	['4096', 4096n],
	['512B', 512n],
	['1K', 1024n],
	['2G', 2n * 1024n ** 3n],
	['1.5G', 1536n * 1024n ** 2n],
	['0.5M', 512n * 1024n],
	['1T', 1024n ** 4n],
	['1E', 1024n ** 6n],
	[' 3 M ', 3n * 1024n ** 2n],
];

for (const [text, bytes] of cases) {
	test(`"${text}" is ${bytes} bytes`, t => {
		t.is(parseSize('ram', text), bytes);
	});
}

for (const bad of ['', '-1G', '1Q', 'G', '1.G', '2GiB', '16E']) {
	test(`"${bad}" is refused with the option named`, t => {
		const error = t.throws(() => parseSize('ram', bad), {instanceOf: UsageError});
		t.true(error?.message.startsWith(`invalid --ram=${bad}: `));
	});
}

test('sizes round up to whole MiB for qemu', t => {
	t.is(toMiBRoundedUp(2n * 1024n ** 3n), 2048);
	t.is(toMiBRoundedUp(1n), 1);
	t.is(toMiBRoundedUp(1024n * 1024n + 1n), 2);
});
