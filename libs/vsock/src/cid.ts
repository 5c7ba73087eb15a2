import {randomInt} from 'node:crypto';
import {SipHash24} from '@vmspawn/siphash';

/** 0 hypervisor, 1 local, 2 host are reserved; 4294967295 is VMADDR_CID_ANY. */
export const CID_MIN = 3;
export const CID_MAX = 4294967294;

/** Upstream's key for hashing machine names into CIDs ("an arbitrary value picked from /dev/urandom"). */
export const CID_DERIVATION_KEY = Uint8Array.from([0x03, 0xad, 0xf0, 0xa4, 0x59, 0x2c, 0x77, 0x11, 0xda, 0x39, 0x0c, 0xba, 0xf5, 0x4c, 0x80, 0x52]);

export const DERIVED_CANDIDATES = 64;
export const RANDOM_CANDIDATES = 64;

// UINT_MAX - 4: so a derived or random CID lands in 3..4294967293.
const spread = 4294967291;

/**
 * The 64 CIDs tried for a machine name, in order, exactly as upstream: SipHash-2-4 over
 * the name's bytes, then for each try the 4-byte little-endian try index; cid = 3 + h mod spread.
 */
export function deriveCids(name: string): number[] {
	const named = SipHash24.fromKey(CID_DERIVATION_KEY).update(new TextEncoder().encode(name));
	const index = new Uint8Array(4);
	const view = new DataView(index.buffer);
	const cids: number[] = [];
	for (let attempt = 0; attempt < DERIVED_CANDIDATES; attempt++) {
		view.setUint32(0, attempt, true);
		cids.push(CID_MIN + Number(named.copy().update(index).digest() % BigInt(spread)));
	}

	return cids;
}

/** Picks a uniformly random CID; injectable so tests can predict it. */
export type RandomCid = () => number;

export const randomCid: RandomCid = () => CID_MIN + randomInt(spread);
