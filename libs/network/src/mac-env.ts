import {CliError, errno} from '@vmspawn/cli';
import {parseMac} from './mac.js';

export const NETWORK_MAC_VARIABLE = 'SYSTEMD_VMSPAWN_NETWORK_MAC';

/**
 * The guest MAC from $SYSTEMD_VMSPAWN_NETWORK_MAC, if set. As upstream, the all-zero
 * address means "not given" (the derived MAC is used); anything unparsable is an error.
 */
export function macFromEnvironment(env: Readonly<Record<string, string | undefined>>): Uint8Array | undefined {
	const value = env[NETWORK_MAC_VARIABLE];
	if (value === undefined) {
		return undefined;
	}

	const mac = parseMac(value);
	if (mac === undefined) {
		throw new CliError(
			`Failed to parse provided MAC address via environment variable $${NETWORK_MAC_VARIABLE}=${value}: expected six hex bytes like 02:12:34:56:78:9a`,
			{exitCode: errno.EINVAL},
		);
	}

	return mac.every(byte => byte === 0) ? undefined : mac;
}
