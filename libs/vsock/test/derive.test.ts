import test from 'ava';
import {CID_DERIVATION_KEY, CID_MIN, deriveCids} from '../src/index.js';
import {referenceDeriveCids} from './helpers/reference-siphash.js';

const names = ['foo', 'web1', 'a-very-long-machine-name-0123456789', 'x', 'ünïcode'];

for (const name of names) {
	test(`the 64 CIDs derived from '${name}' match the independent implementation`, t => {
		t.deepEqual(deriveCids(name), referenceDeriveCids(name, CID_DERIVATION_KEY));
	});
}

// Pinned values (also checked against systemd's own siphash24 in libsystemd-shared, see systemd-parity.test.ts).
test('known derived CIDs for fixed names', t => {
	t.deepEqual(deriveCids('foo').slice(0, 3), [3_189_503_731, 2_208_431_086, 2_028_846_468]);
	t.deepEqual(deriveCids('web1').slice(0, 3), [672_990_369, 287_951_097, 4_203_268_846]);
	t.deepEqual(deriveCids('a-very-long-machine-name-0123456789').slice(0, 3), [4_210_838_980, 844_734_746, 2_936_977_258]);
});

test('derived CIDs are 64 distinct values in 3..4294967293', t => {
	for (const name of names) {
		const cids = deriveCids(name);
		t.is(cids.length, 64);
		t.is(new Set(cids).size, 64);
		t.true(cids.every(cid => Number.isInteger(cid) && cid >= CID_MIN && cid <= 4_294_967_293));
	}
});

test('the derivation depends on every byte of the name', t => {
	t.notDeepEqual(deriveCids('web1'), deriveCids('web2'));
	t.notDeepEqual(deriveCids('web'), deriveCids('web1'));
});
