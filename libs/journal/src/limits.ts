import {type OptionDef, type ParsedArgs, UsageError, invalidOption, parseSize, stringValue} from '@vmspawn/cli';

/** systemd-journal-remote's own size limits, as upstream passes them: each absent unless given. */
export type JournalLimits = {
	readonly maxUse?: bigint;
	readonly keepFree?: bigint;
	readonly maxFileSize?: bigint;
	readonly maxFiles?: bigint;
};

// Upstream's option, journal-remote's option, and what the value is.
const limitOptions = [
	{option: 'forward-journal-max-use', remote: 'max-use', key: 'maxUse', description: 'Disk space the forwarded journal may use at most'},
	{option: 'forward-journal-keep-free', remote: 'keep-free', key: 'keepFree', description: 'Disk space the forwarded journal leaves free at least'},
	{option: 'forward-journal-max-file-size', remote: 'max-file-size', key: 'maxFileSize', description: 'Size of one forwarded journal file at most'},
	{option: 'forward-journal-max-files', remote: 'max-files', key: 'maxFiles', description: 'Number of forwarded journal files kept at most'},
] as const;

export const journalLimitOptionDefs: readonly OptionDef[] = limitOptions.map(({option, key, description}) => ({
	name: option,
	kind: 'value',
	valueName: key === 'maxFiles' ? 'N' : 'BYTES',
	description: `${description} (passed to systemd-journal-remote)`,
	defaultText: "systemd-journal-remote's",
}));

// A count, in upstream read with safe_atou64(): decimal digits only.
function parseCount(option: string, value: string): bigint {
	if (!/^\d{1,20}$/.test(value) || BigInt(value) >= 1n << 64n) {
		throw invalidOption(option, value, 'expected a number of files');
	}

	return BigInt(value);
}

/** The limits given; sizes with the --ram parser (base 1024). Refused without --forward-journal=, as upstream. */
export function readJournalLimits(args: ParsedArgs, forwarding: boolean): JournalLimits {
	const limits: Record<string, bigint> = {};
	for (const {option, key} of limitOptions) {
		const value = stringValue(args, option);
		if (value !== undefined && value !== '') {
			limits[key] = key === 'maxFiles' ? parseCount(option, value) : parseSize(option, value);
		}
	}

	if (Object.keys(limits).length > 0 && !forwarding) {
		throw new UsageError(
			'--forward-journal-max-use=, --forward-journal-keep-free=, --forward-journal-max-file-size= and --forward-journal-max-files= need --forward-journal=',
		);
	}

	return limits;
}

/** journal-remote's arguments for the limits, in bytes, in upstream's order. */
export function journalLimitArguments(limits: JournalLimits): string[] {
	return limitOptions.flatMap(({remote, key}) => (limits[key] === undefined ? [] : [`--${remote}=${limits[key]}`]));
}
