import test from 'ava';
import {SipHash24, siphash24} from '../src/index.js';
import {sip64Vectors} from './helpers/siphash-vectors.js';

const key = Uint8Array.from({length: 16}, (_, index) => index);
const message = (length: number) => Uint8Array.from({length}, (_, index) => index);
const hex = (hash: bigint) => Buffer.from(new BigUint64Array([hash]).buffer).toString('hex');

test('all 64 reference vectors of the SipHash paper match', t => {
	t.is(sip64Vectors.length, 64);
	for (const [length, expected] of sip64Vectors.entries()) {
		t.is(hex(siphash24(key, message(length))), expected, `message of ${length} bytes`);
	}
});

test('a few vectors spelled out as integers: 1st, 2nd, 16th and the last', t => {
	t.is(siphash24(key, message(0)), 0x72_6f_db_47_dd_0e_0e_31n);
	t.is(siphash24(key, message(1)), 0x74_f8_39_c5_93_dc_67_fdn);
	t.is(siphash24(key, message(15)), 0xa1_29_ca_61_49_be_45_e5n);
	t.is(siphash24(key, message(63)), 0x95_8a_32_4c_eb_06_45_72n);
});

test('absorbing in pieces gives the same hash as absorbing at once', t => {
	const whole = message(63);
	for (const cut of [0, 1, 7, 8, 9, 20, 63]) {
		const hash = SipHash24.fromKey(key).update(whole.subarray(0, cut)).update(whole.subarray(cut)).digest();
		t.is(hash, siphash24(key, whole), `cut at ${cut}`);
	}
});

test('a copied state continues independently of the original', t => {
	const base = SipHash24.fromKey(key).update(message(5));
	const first = base.copy().update(Uint8Array.of(5, 6, 7, 8));
	const second = base.copy().update(Uint8Array.of(5, 6));
	t.is(first.digest(), siphash24(key, message(9)));
	t.is(second.digest(), siphash24(key, message(7)));
	t.is(base.digest(), siphash24(key, message(5)), 'the original is untouched');
});

test('digest can be taken twice and absorbing may go on after it', t => {
	const state = SipHash24.fromKey(key).update(message(3));
	t.is(state.digest(), state.digest());
	t.is(state.update(Uint8Array.of(3)).digest(), siphash24(key, message(4)));
});

test('a key that is not 16 bytes is refused', t => {
	t.throws(() => SipHash24.fromKey(new Uint8Array(8)), {instanceOf: RangeError});
});
