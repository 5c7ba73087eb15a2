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
};

export type CommandDef = {
	readonly name: string;
	readonly description: string;
};

export type ToolSpec = {
	readonly name: string;
	readonly version: string;
	readonly summary: string;
	readonly usage: readonly string[];
	readonly options: readonly OptionDef[];
	readonly commands?: readonly CommandDef[];
	/** Option parsing stops at the first non-option argument (the rest is e.g. a kernel command line). */
	readonly stopAtFirstPositional?: boolean;
};

/** Options every tool has. */
export const commonOptions: readonly OptionDef[] = [
	{name: 'quiet', short: 'q', kind: 'switch', description: 'Suppress status messages and warnings'},
	{name: 'no-pager', kind: 'switch', description: 'Do not pipe output into a pager (output is never paged)'},
	{name: 'help', short: 'h', kind: 'switch', description: 'Show this help and exit'},
	{name: 'version', kind: 'switch', description: 'Show the version and exit'},
];

export function allOptions(spec: ToolSpec): readonly OptionDef[] {
	return [...spec.options, ...commonOptions];
}
