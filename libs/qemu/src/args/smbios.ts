import {archTraits} from '../arch.js';
import {keyValues} from '../escape.js';

/**
 * -s/--smbios11 strings as `-smbios type=11,value=...`, commas escaped. Upstream
 * writes each to a file for `path=`; the guest reads the same bytes either way.
 * Where the architecture has no SMBIOS they are ignored with a warning, as upstream.
 */
export function smbios11Args(arch: string, strings: readonly string[]): {args: string[]; warning?: string} {
	if (strings.length === 0) {
		return {args: []};
	}

	if (!archTraits(arch)?.smbios) {
		return {args: [], warning: `cannot pass SMBIOS type 11 strings: ${arch} has no SMBIOS; ignoring them`};
	}

	return {
		args: strings.flatMap(value => [
			'-smbios',
			keyValues([
				['type', 11],
				['value', value],
			]),
		]),
	};
}
