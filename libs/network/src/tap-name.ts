import {siphash24} from '@vmspawn/siphash';
import {id128Key} from './id128.js';

/** Upstream's SHORTEN_IFNAME_HASH_KEY (net_shorten_ifname()). */
export const IFNAME_SHORTEN_KEY = id128Key('e190a404-a8ef-4b51-8ccc-c33a9f11fca2');

/** The kernel's IFNAMSIZ: a name is at most 15 bytes plus the NUL. */
export const IFNAMSIZ = 16;

const urlSafeBase64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type TapName = {readonly ifname: string; readonly warning?: string};

/**
 * The host-side tap name for a machine: vt-NAME (systemd-networkd's 80-vm-vt.network
 * matches vt-*). Too long a name keeps its first 11 bytes and gets 4 characters of a
 * hash of the whole name, so different long names stay different, exactly as upstream.
 */
export function tapName(machineName: string): TapName {
	const full = `vt-${machineName}`;
	const bytes = new TextEncoder().encode(full);
	if (bytes.length < IFNAMSIZ) {
		return {ifname: full};
	}

	const hash = siphash24(IFNAME_SHORTEN_KEY, bytes);
	const suffix = [18n, 12n, 6n, 0n].map(shift => urlSafeBase64[Number((hash >> shift) & 63n)]).join('');
	// Machine names are host names, so plain ASCII: 11 bytes are 11 characters.
	const ifname = new TextDecoder().decode(bytes.subarray(0, IFNAMSIZ - 5)) + suffix;
	return {ifname, warning: `Network interface name '${full}' has been changed to '${ifname}' to fit length constraints.`};
}
