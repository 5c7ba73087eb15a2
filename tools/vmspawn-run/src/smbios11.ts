import {type ParsedArgs, UsageError, listValue} from '@vmspawn/cli';

// Node reads invalid UTF-8 in argv as U+FFFD, so that character is all that is left to refuse.
function checked(value: string): string {
	if (value.includes('\uFFFD') || /[\uD800-\uDFFF]/u.test(value)) {
		throw new UsageError('invalid --smbios11=: SMBIOS type 11 string is not UTF-8 clean, refusing');
	}

	if (value.includes('\0')) {
		throw new UsageError('invalid --smbios11=: SMBIOS type 11 string contains a NUL character, refusing');
	}

	return value;
}

/**
 * -s/--smbios11, repeatable. An empty value adds nothing: upstream's reset of the
 * strings before it would need the position of a `--smbios11=` the parser drops.
 */
export function readSmbios11(args: ParsedArgs): string[] {
	return listValue(args, 'smbios11')
		.filter(value => value !== '')
		.map(checked);
}
