import {isAbsolute, resolve} from 'node:path';
import {type OptionDef, type ParsedArgs, stringValue} from '@vmspawn/cli';
import {journalLimitOptionDefs} from './limits.js';

export const journalOptionDefs: readonly OptionDef[] = [
	{
		name: 'forward-journal',
		kind: 'value',
		valueName: 'FILE|DIR',
		description: "Receive the guest's journal with systemd-journal-remote into FILE (ending in .journal) or DIR (one file per guest host name)",
	},
	...journalLimitOptionDefs,
];

/** The --forward-journal= path, made absolute as upstream does; undefined when not given or empty. */
export function readJournalOutput(args: ParsedArgs, cwd: string): string | undefined {
	const value = stringValue(args, 'forward-journal');
	if (value === undefined || value === '') {
		return undefined;
	}

	return isAbsolute(value) ? resolve(value) : resolve(cwd, value);
}
