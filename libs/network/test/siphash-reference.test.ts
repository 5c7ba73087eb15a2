import test from 'ava';
import {siphash24} from '@vmspawn/siphash';
import {oneShotSiphash} from './helpers/one-shot-siphash.js';

// The reference implementation has to be right for the other tests to mean anything:
// check it against the published vectors (key 00..0f, message 00..len-1).
const key = Uint8Array.from({length: 16}, (_, index) => index);
const message = (length: number) => Uint8Array.from({length}, (_, index) => index);

test('the test helper siphash matches the published vectors', t => {
	t.is(oneShotSiphash(key, message(0)), 0x726f_db47_dd0e_0e31n);
	t.is(oneShotSiphash(key, message(8)), 0x93f5_f579_9a93_2462n);
	t.is(oneShotSiphash(key, message(15)), 0xa129_ca61_49be_45e5n);
});

test('the test helper siphash agrees with the library one on machine-id sized inputs', t => {
	for (const length of [16, 17, 23, 24, 25, 40, 80]) {
		t.is(oneShotSiphash(key, message(length)), siphash24(key, message(length)), `length ${length}`);
	}
});
