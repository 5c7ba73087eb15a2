import {siphash24} from '@vmspawn/siphash';
import {id128Key} from './id128.js';

/** Upstream's VM_TAP_HASH_KEY: hashes host machine ID + machine name into the guest's MAC. */
export const TAP_MAC_KEY = id128Key('01d0c64c-2bdf-24fb-c0f8-b2097d59b293');

const ETH_ALEN = 6;

/**
 * The guest's MAC on the tap device, stable per host and machine name, as upstream's
 * net_generate_mac(): SipHash-2-4 over machine ID ‖ name, the hash's little-endian
 * bytes 0..5, then multicast bit cleared and locally-administered bit set.
 */
export function deriveMac(machineId: Uint8Array, machineName: string): Uint8Array {
	const name = new TextEncoder().encode(machineName);
	const message = new Uint8Array(machineId.length + name.length);
	message.set(machineId, 0);
	message.set(name, machineId.length);
	const hash = siphash24(TAP_MAC_KEY, message);
	const mac = Uint8Array.from({length: ETH_ALEN}, (_, index) => Number((hash >> BigInt(8 * index)) & 0xffn));
	mac[0] = (mac[0]! & 0xfe) | 0x02;
	return mac;
}

export function formatMac(mac: Uint8Array): string {
	return [...mac].map(byte => byte.toString(16).padStart(2, '0')).join(':');
}

// parse_hw_addr_full()'s formats for 6 bytes: xx:xx:xx:xx:xx:xx or xx-xx-..., 1-2 hex digits
// a field; or xxxx.xxxx.xxxx, 1-4 hex digits a field (each field two bytes).
const byteFields = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\1[0-9a-f]{1,2}){4}$/i;
const wordFields = /^[0-9a-f]{1,4}(\.[0-9a-f]{1,4}){2}$/i;

/** A MAC address in any form systemd's parse_ether_addr() takes; undefined when it is none. */
export function parseMac(text: string): Uint8Array | undefined {
	if (byteFields.test(text)) {
		return Uint8Array.from(text.split(/[:-]/), field => Number.parseInt(field, 16));
	}

	if (wordFields.test(text)) {
		return Uint8Array.from(
			text.split('.').flatMap(field => {
				const word = Number.parseInt(field, 16);
				return [word >> 8, word & 0xff];
			}),
		);
	}

	return undefined;
}
