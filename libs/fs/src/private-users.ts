import {invalidOption} from '@vmspawn/cli';
import type {IdMapping} from '@vmspawn/plan';

/** Upstream's default number of ids when only the shift is given. */
export const defaultIdRange = 65_536;

const pattern = /^(\d+)(?::(\d+))?$/;
// uid_is_valid(): (uid_t) -1 and the 16-bit -1 are never valid ids.
const invalidIds = new Set([0xff_ff, 0xff_ff_ff_ff]);

/** Parses --private-users=UID_SHIFT[:UID_RANGE]. */
export function parsePrivateUsers(value: string): IdMapping {
	const match = pattern.exec(value);
	if (!match) {
		throw invalidOption('private-users', value, 'expected UID_SHIFT[:UID_RANGE], e.g. 100000 or 100000:65536');
	}

	const shift = Number(match[1]);
	const range = match[2] === undefined ? defaultIdRange : Number(match[2]);
	if (shift > 0xff_ff_ff_fe || invalidIds.has(shift)) {
		throw invalidOption('private-users', value, `${match[1]} is not a valid user id`);
	}

	if (range < 1) {
		throw invalidOption('private-users', value, 'the range must hold at least one id');
	}

	// The last mapped host id must still be a valid id.
	if (shift + range - 1 > 0xff_ff_ff_fe) {
		throw invalidOption('private-users', value, 'the range runs past the largest user id');
	}

	return {shift, range};
}
