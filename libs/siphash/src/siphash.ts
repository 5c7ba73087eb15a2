const mask = (1n << 64n) - 1n;

function rotl(value: bigint, bits: bigint): bigint {
	return ((value << bits) | (value >> (64n - bits))) & mask;
}

function readU64LE(bytes: Uint8Array, offset: number): bigint {
	let value = 0n;
	for (let index = 7; index >= 0; index--) {
		value = (value << 8n) | BigInt(bytes[offset + index]!);
	}

	return value;
}

type State = [bigint, bigint, bigint, bigint];

function sipRound(v: State): void {
	v[0] = (v[0] + v[1]) & mask;
	v[1] = rotl(v[1], 13n) ^ v[0];
	v[0] = rotl(v[0], 32n);
	v[2] = (v[2] + v[3]) & mask;
	v[3] = rotl(v[3], 16n) ^ v[2];
	v[0] = (v[0] + v[3]) & mask;
	v[3] = rotl(v[3], 21n) ^ v[0];
	v[2] = (v[2] + v[1]) & mask;
	v[1] = rotl(v[1], 17n) ^ v[2];
	v[2] = rotl(v[2], 32n);
}

function compress(v: State, word: bigint, rounds: number): void {
	v[3] ^= word;
	for (let round = 0; round < rounds; round++) {
		sipRound(v);
	}

	v[0] ^= word;
}

/**
 * SipHash-2-4 with a 128-bit key, in the incremental form systemd uses:
 * absorb some bytes, copy the state, absorb more into the copy, finalize.
 * BigInt keeps it readable; it hashes a few short strings per run.
 */
export class SipHash24 {
	static fromKey(key: Uint8Array): SipHash24 {
		if (key.length !== 16) {
			throw new RangeError(`a SipHash key is 16 bytes, not ${key.length}`);
		}

		const k0 = readU64LE(key, 0);
		const k1 = readU64LE(key, 8);
		return new SipHash24([k0 ^ 0x736f6d6570736575n, k1 ^ 0x646f72616e646f6dn, k0 ^ 0x6c7967656e657261n, k1 ^ 0x7465646279746573n], new Uint8Array(8), 0, 0);
	}

	private constructor(
		private readonly v: State,
		private readonly tail: Uint8Array,
		private tailLength: number,
		private length: number,
	) {}

	/** Absorbs bytes; whole 8-byte words are compressed at once, the rest waits in `tail`. */
	update(bytes: Uint8Array): this {
		for (const byte of bytes) {
			this.tail[this.tailLength++] = byte;
			if (this.tailLength === 8) {
				compress(this.v, readU64LE(this.tail, 0), 2);
				this.tailLength = 0;
			}
		}

		this.length += bytes.length;
		return this;
	}

	/** An independent copy of the state so far. */
	copy(): SipHash24 {
		return new SipHash24([...this.v], this.tail.slice(), this.tailLength, this.length);
	}

	/** The 64-bit hash of everything absorbed; this state stays usable. */
	digest(): bigint {
		const v: State = [...this.v];
		// The last word carries the message length (mod 256) in its top byte.
		let last = BigInt(this.length & 0xff) << 56n;
		for (let index = 0; index < this.tailLength; index++) {
			last |= BigInt(this.tail[index]!) << BigInt(8 * index);
		}

		compress(v, last, 2);
		v[2] ^= 0xffn;
		for (let round = 0; round < 4; round++) {
			sipRound(v);
		}

		return v[0] ^ v[1] ^ v[2] ^ v[3];
	}
}

export function siphash24(key: Uint8Array, message: Uint8Array): bigint {
	return SipHash24.fromKey(key).update(message).digest();
}
