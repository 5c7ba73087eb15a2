// A second, deliberately different SipHash-2-4 (one-shot, 32-bit halves, no BigInt)
// to cross-check src/siphash.ts; written from the paper, not from that file.

type Word = {hi: number; lo: number};

function add(a: Word, b: Word): Word {
	const lo = a.lo + b.lo;
	return {hi: (a.hi + b.hi + (lo > 0xff_ff_ff_ff ? 1 : 0)) >>> 0, lo: lo >>> 0};
}

function xor(a: Word, b: Word): Word {
	return {hi: (a.hi ^ b.hi) >>> 0, lo: (a.lo ^ b.lo) >>> 0};
}

function rotl(a: Word, n: number): Word {
	if (n === 32) {
		return {hi: a.lo, lo: a.hi};
	}

	return n < 32 ? {hi: ((a.hi << n) | (a.lo >>> (32 - n))) >>> 0, lo: ((a.lo << n) | (a.hi >>> (32 - n))) >>> 0} : rotl(rotl(a, 32), n - 32);
}

function word(bytes: readonly number[], offset: number): Word {
	const at = (index: number) => bytes[offset + index] ?? 0;
	return {
		lo: (at(0) | (at(1) << 8) | (at(2) << 16) | (at(3) << 24)) >>> 0,
		hi: (at(4) | (at(5) << 8) | (at(6) << 16) | (at(7) << 24)) >>> 0,
	};
}

/** SipHash-2-4 of `message` under a 16-byte key, as a bigint. */
export function referenceSiphash(key: Uint8Array, message: Uint8Array): bigint {
	const k0 = word([...key], 0);
	const k1 = word([...key], 8);
	let v0 = xor(k0, {hi: 0x736f6d65, lo: 0x70736575});
	let v1 = xor(k1, {hi: 0x646f7261, lo: 0x6e646f6d});
	let v2 = xor(k0, {hi: 0x6c796765, lo: 0x6e657261});
	let v3 = xor(k1, {hi: 0x74656462, lo: 0x79746573});
	const round = () => {
		v0 = add(v0, v1);
		v1 = xor(rotl(v1, 13), v0);
		v0 = rotl(v0, 32);
		v2 = add(v2, v3);
		v3 = xor(rotl(v3, 16), v2);
		v0 = add(v0, v3);
		v3 = xor(rotl(v3, 21), v0);
		v2 = add(v2, v1);
		v1 = xor(rotl(v1, 17), v2);
		v2 = rotl(v2, 32);
	};

	// Pad to a multiple of 8 with zeros; the length byte goes at the very end.
	const padded = [...message];
	while (padded.length % 8 !== 7) {
		padded.push(0);
	}

	padded.push(message.length & 0xff);
	for (let offset = 0; offset < padded.length; offset += 8) {
		const m = word(padded, offset);
		v3 = xor(v3, m);
		round();
		round();
		v0 = xor(v0, m);
	}

	v2 = xor(v2, {hi: 0, lo: 0xff});
	for (let index = 0; index < 4; index++) {
		round();
	}

	const result = xor(xor(v0, v1), xor(v2, v3));
	return (BigInt(result.hi) << 32n) | BigInt(result.lo);
}

/** The derivation written out plainly: hash name + index in one go, no copied state. */
export function referenceDeriveCids(name: string, key: Uint8Array): number[] {
	const nameBytes = [...new TextEncoder().encode(name)];
	return Array.from({length: 64}, (_, index) => {
		const message = Uint8Array.from([...nameBytes, index & 0xff, (index >>> 8) & 0xff, (index >>> 16) & 0xff, index >>> 24]);
		return 3 + Number(referenceSiphash(key, message) % 4_294_967_291n);
	});
}
