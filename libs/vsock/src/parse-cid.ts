import {invalidOption} from '@vmspawn/cli';
import {CID_MAX, CID_MIN} from './cid.js';

// The vsock address names upstream's parser knows; all three are reserved, so they are refused below.
const namedCids: Record<string, number> = {hypervisor: 0, local: 1, host: 2};

const expected = `expected a CID from ${CID_MIN} to ${CID_MAX}`;

/** `--vsock-cid=`: a decimal CID; empty means "pick one automatically" (undefined). */
export function parseVsockCid(value: string): number | undefined {
	if (value === '') {
		return undefined;
	}

	const cid = Object.hasOwn(namedCids, value) ? namedCids[value]! : /^\d+$/.test(value) ? Number(value) : undefined;
	if (cid === undefined) {
		throw invalidOption('vsock-cid', value, expected);
	}

	if (cid < CID_MIN) {
		throw invalidOption('vsock-cid', value, /^\d/.test(value) ? expected : `${expected} (${value} is CID ${cid}, which is reserved)`);
	}

	if (cid > CID_MAX) {
		throw invalidOption('vsock-cid', value, cid === 4294967295 ? `${expected} (4294967295 means any CID)` : expected);
	}

	return cid;
}
