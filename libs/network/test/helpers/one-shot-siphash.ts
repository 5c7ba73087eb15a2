// An independent SipHash-2-4 and plain re-statements of upstream's tap name and MAC
// derivations, written from the SipHash paper and systemd's C, not from src/ or libs/vsock:
// one shot over a zero-padded buffer read with DataView, rounds unrolled as in the paper.

const m64 = 0xffff_ffff_ffff_ffffn;
const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & m64;

export function oneShotSiphash(key: Uint8Array, message: Uint8Array): bigint {
	const keyView = new DataView(key.buffer, key.byteOffset, 16);
	const k0 = keyView.getBigUint64(0, true);
	const k1 = keyView.getBigUint64(8, true);
	let v0 = k0 ^ 0x736f_6d65_7073_6575n;
	let v1 = k1 ^ 0x646f_7261_6e64_6f6dn;
	let v2 = k0 ^ 0x6c79_6765_6e65_7261n;
	let v3 = k1 ^ 0x7465_6462_7974_6573n;
	const sipround = () => {
		v0 = (v0 + v1) & m64;
		v2 = (v2 + v3) & m64;
		v1 = rotl(v1, 13n) ^ v0;
		v3 = rotl(v3, 16n) ^ v2;
		v0 = rotl(v0, 32n);
		v2 = (v2 + v1) & m64;
		v0 = (v0 + v3) & m64;
		v1 = rotl(v1, 17n) ^ v2;
		v3 = rotl(v3, 21n) ^ v0;
		v2 = rotl(v2, 32n);
	};

	// Message, zero padding, and the length byte last: a whole number of 8-byte words.
	const blocks = Math.floor(message.length / 8) + 1;
	const padded = new Uint8Array(blocks * 8);
	padded.set(message);
	padded[padded.length - 1] = message.length % 256;
	const view = new DataView(padded.buffer);
	for (let block = 0; block < blocks; block++) {
		const m = view.getBigUint64(block * 8, true);
		v3 ^= m;
		sipround();
		sipround();
		v0 ^= m;
	}

	v2 ^= 0xffn;
	sipround();
	sipround();
	sipround();
	sipround();
	return v0 ^ v1 ^ v2 ^ v3;
}

const hex = (text: string) => Uint8Array.from(text.replaceAll('-', '').match(/../g)!, pair => Number.parseInt(pair, 16));

/** net_shorten_ifname(): keep 11 bytes, then table[(h >> 18) & 63] ... table[h & 63]. */
export function referenceTapName(machineName: string): string {
	const name = `vt-${machineName}`;
	if (name.length < 16) {
		return name;
	}

	const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	const h = oneShotSiphash(hex('e190a404-a8ef-4b51-8ccc-c33a9f11fca2'), new TextEncoder().encode(name));
	return name.slice(0, 11) + table[Number((h >> 18n) & 63n)]! + table[Number((h >> 12n) & 63n)]! + table[Number((h >> 6n) & 63n)]! + table[Number(h & 63n)]!;
}

/** net_generate_mac() with vmspawn's key: htole64(hash) copied into the 6 octets, then marked random. */
export function referenceMac(machineIdHex: string, machineName: string): string {
	const message = new Uint8Array([...hex(machineIdHex), ...new TextEncoder().encode(machineName)]);
	const h = oneShotSiphash(hex('01d0c64c-2bdf-24fb-c0f8-b2097d59b293'), message);
	const little = new Uint8Array(8);
	new DataView(little.buffer).setBigUint64(0, h, true);
	little[0] = (little[0]! & 0xfe) | 0x02;
	return [...little.subarray(0, 6)].map(byte => byte.toString(16).padStart(2, '0')).join(':');
}
