import {completionShells} from './completion/shells.js';

/** One command-line option; help text, parser and completions all come from this. */
export type OptionDef = {
	readonly name: string;
	readonly short?: string;
	/** `switch` takes no value (`-q`); `value` takes one (`--ram=2G`). */
	readonly kind: 'switch' | 'value';
	/** May be given several times; all values are kept in order. */
	readonly multiple?: boolean;
	/** Placeholder for the value in help, e.g. BYTES. */
	readonly valueName?: string;
	readonly description: string;
	/** Default shown in help. */
	readonly defaultText?: string;
	readonly choices?: readonly string[];
	/** What shells complete for the value besides `choices`; without it a PATH or FILE value completes file names. */
	readonly completion?: ValueCompletion;
};

/** Candidates for an option's value in shell completion. */
export type ValueCompletion = {
	/** Fixed words, e.g. the keywords a path option also accepts (`off`, `auto`). */
	readonly words?: readonly string[];
	readonly paths?: 'file' | 'directory';
	/** Arguments that make the tool itself print candidates one per line, run at completion time (e.g. `--firmware=list`). */
	readonly listedBy?: readonly string[];
};

export type CommandDef = {
	readonly name: string;
	readonly description: string;
};

export type ToolSpec = {
	readonly name: string;
	readonly version: string;
	/** What --version prints instead of `NAME VERSION`, for a tool answering under another tool's name. */
	readonly versionText?: string;
	readonly summary: string;
	readonly usage: readonly string[];
	readonly options: readonly OptionDef[];
	readonly commands?: readonly CommandDef[];
	/** Option parsing stops at the first non-option argument (the rest is e.g. a kernel command line). */
	readonly stopAtFirstPositional?: boolean;
};

/** Options every tool has. */
export const commonOptions: readonly OptionDef[] = [
	{name: 'quiet', short: 'q', kind: 'switch', description: 'Suppress status messages (warnings are still shown)'},
	{name: 'no-pager', kind: 'switch', description: 'Do not pipe output into a pager (output is never paged)'},
	{name: 'help', short: 'h', kind: 'switch', description: 'Show this help and exit'},
	{name: 'version', kind: 'switch', description: 'Show the version and exit'},
	{name: 'completion', kind: 'value', valueName: 'SHELL', description: 'Print a completion script for this shell and exit', choices: completionShells},
];

export function allOptions(spec: ToolSpec): readonly OptionDef[] {
	return [...spec.options, ...commonOptions];
}
