import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {describeFilter, featureFilter} from '../src/index.js';

function sets(values: readonly string[], secureBoot?: 'yes' | 'no' | 'auto'): [string[], string[]] {
	const filter = featureFilter(values, secureBoot);
	return [[...filter.include].sort(), [...filter.exclude].sort()];
}

test('enrolled-keys is excluded by default', t => {
	t.deepEqual(sets([]), [[], ['enrolled-keys']]);
});

test('a comma separated list includes, ~ excludes, repeated options add up', t => {
	t.deepEqual(sets(['amd-sev,~verbose-dynamic', 'requires-smm']), [
		['amd-sev', 'requires-smm'],
		['enrolled-keys', 'verbose-dynamic'],
	]);
});

test('the last mention of a feature wins', t => {
	t.deepEqual(sets(['enrolled-keys']), [['enrolled-keys'], []]);
	t.deepEqual(sets(['secure-boot', '~secure-boot']), [[], ['enrolled-keys', 'secure-boot']]);
});

test('an empty value resets, the default exclusion too', t => {
	t.deepEqual(sets(['amd-sev', '']), [[], []]);
	t.deepEqual(sets(['', 'amd-sev']), [['amd-sev'], []]);
});

test('--secure-boot is sugar for secure-boot and decides over the list', t => {
	t.deepEqual(sets([], 'yes'), [['secure-boot'], ['enrolled-keys']]);
	t.deepEqual(sets(['secure-boot'], 'no'), [[], ['enrolled-keys', 'secure-boot']]);
	t.deepEqual(sets(['~secure-boot'], 'auto'), [[], ['enrolled-keys']]);
});

test('a malformed feature name is a usage error naming the option', t => {
	t.throws(() => featureFilter(['secure boot']), {
		instanceOf: UsageError,
		message: /^invalid --firmware-features=secure boot: "secure boot" is not a feature name/,
	});
	t.throws(() => featureFilter(['~']), {instanceOf: UsageError});
});

test('a filter reads as with/without', t => {
	t.is(describeFilter(featureFilter(['amd-sev'], 'yes')), 'with amd-sev, secure-boot, without enrolled-keys');
	t.is(describeFilter(featureFilter([''])), '');
});
