import {type CommandDef, type OptionDef, type ToolSpec, allOptions} from '../tool-spec.js';

/** What a shell offers for one option's value. */
export type ValueCandidates = {
	readonly words: readonly string[];
	readonly paths?: 'file' | 'directory';
	readonly listedBy?: readonly string[];
};

export type CompletedOption = {
	readonly long: string;
	readonly short?: string;
	readonly description: string;
	readonly multiple: boolean;
	/** Absent for a switch. */
	readonly value?: ValueCandidates & {readonly name: string};
};

/** Everything the three generators need, taken from a tool's spec. */
export type CompletionModel = {
	readonly command: string;
	/** The command as a shell identifier, for function names. */
	readonly identifier: string;
	readonly options: readonly CompletedOption[];
	readonly commands: readonly CommandDef[];
	/** Options end at the first argument (vmspawn-run: the rest is the kernel command line). */
	readonly optionsEndAtFirstArgument: boolean;
};

// Help placeholders that name a path, when the option does not say otherwise.
const pathPlaceholder = /^(PATH|FILE)$/;

// A systemd boolean without choices offers the two plain spellings rather than all twelve.
const booleanWords = ['yes', 'no'];

/** An option's candidates: its choices (yes/no for a plain BOOL) and its completion, else file names for a PATH or FILE. */
export function valueCandidates(option: OptionDef): ValueCandidates {
	const completion = option.completion;
	const words = [...(option.choices ?? (option.valueName === 'BOOL' && !completion ? booleanWords : [])), ...(completion?.words ?? [])];
	const paths = completion ? completion.paths : pathPlaceholder.test(option.valueName ?? '') ? 'file' : undefined;
	return {words, ...(paths ? {paths} : {}), ...(completion?.listedBy ? {listedBy: completion.listedBy} : {})};
}

/** The spec with the common options, in the form the generators read. */
export function completionModel(spec: ToolSpec): CompletionModel {
	return {
		command: spec.name,
		identifier: spec.name.replace(/[^A-Za-z0-9_]/g, '_'),
		options: allOptions(spec).map(option => ({
			long: option.name,
			...(option.short ? {short: option.short} : {}),
			description: option.description,
			multiple: option.multiple ?? false,
			...(option.kind === 'value' ? {value: {name: option.valueName ?? 'VALUE', ...valueCandidates(option)}} : {}),
		})),
		commands: spec.commands ?? [],
		optionsEndAtFirstArgument: spec.stopAtFirstPositional ?? false,
	};
}
