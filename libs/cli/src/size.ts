import {invalidOption} from './errors.js';

// parse_size() with base 1024, as upstream parses --ram.
const suffixes: Record<string, bigint> = {
	'': 1n,
	B: 1n,
	K: 1n << 10n,
	M: 1n << 20n,
	G: 1n << 30n,
	T: 1n << 40n,
	P: 1n << 50n,
	E: 1n << 60n,
};

const sizePattern = /^\s*(\d+)(?:\.(\d+))?\s*([BKMGTPE]?)\s*$/;
const maxSize = (1n << 64n) - 1n;

/** Parses `1.5G`, `512M`, `4096` into bytes (a bigint: sizes reach 2^64). */
export function parseSize(option: string, value: string): bigint {
	const match = sizePattern.exec(value);
	if (!match) {
		throw invalidOption(option, value, 'expected a size such as 2G, 512M or 1.5G (suffixes B K M G T P E, base 1024)');
	}

	const [, whole = '0', fraction = '', suffix = ''] = match;
	const multiplier = suffixes[suffix]!;
	let bytes = BigInt(whole) * multiplier;
	if (fraction !== '') {
		// Fractions are truncated to whole bytes, as parse_size() does.
		bytes += (BigInt(fraction) * multiplier) / 10n ** BigInt(fraction.length);
	}

	if (bytes > maxSize) {
		throw invalidOption(option, value, 'size too large');
	}

	return bytes;
}

/** Bytes rounded up to whole MiB, as qemu's `-m NM` wants. */
export function toMiBRoundedUp(bytes: bigint): number {
	return Number((bytes + (1n << 20n) - 1n) >> 20n);
}
