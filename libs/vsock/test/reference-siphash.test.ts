import test from 'ava';
import {siphash24} from '@vmspawn/siphash';
import {referenceSiphash} from './helpers/reference-siphash.js';

// The oracle of derive.test.ts has to be right for that test to mean anything: it agrees with
// the library, which libs/siphash checks against the paper's 64 vectors, on their messages.
const key = Uint8Array.from({length: 16}, (_, index) => index);
const message = (length: number) => Uint8Array.from({length}, (_, index) => index);

test("the independent test implementation agrees with the library on the reference vectors' messages", t => {
	for (let length = 0; length < 64; length++) {
		t.is(referenceSiphash(key, message(length)), siphash24(key, message(length)), `message of ${length} bytes`);
	}
});
