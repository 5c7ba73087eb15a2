import {type OptionDef, type ToolSpec, allOptions} from '@vmspawn/cli';

// An option as written in text: not part of a longer option name (--tpm is not found in --tpm-state).
const optionPattern = (spelling: string) => new RegExp(`(?<![\\w-])${spelling}(?![\\w-])`);

/** The ways an option is written: --name, and -X when it has a short form. */
export function optionSpellings(option: OptionDef): string[] {
	return [`--${option.name}`, ...(option.short ? [`-${option.short}`] : [])];
}

/** The spellings of a tool's options that a text (a manual, --help) never mentions, to keep them from drifting apart. */
export function missingOptions(spec: ToolSpec, text: string): string[] {
	return allOptions(spec)
		.flatMap(option => optionSpellings(option))
		.filter(spelling => !optionPattern(spelling).test(text));
}

/**
 * The options a Markdown manual documents: every option spelled in a term ("`-M`, `--machine=NAME`"
 * followed by a line ": ...") of its OPTIONS section.
 */
export function manualOptionTerms(markdown: string): string[] {
	const section = /^## OPTIONS\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1] ?? '';
	const lines = section.split('\n');
	const terms = lines.filter((_line, index) => lines[index + 1]?.startsWith(': '));
	return [...new Set(terms.flatMap(term => term.match(/(?<![\w-])--?[A-Za-z0-9][\w-]*/g) ?? []))];
}

/** The text of roff, with fonts and minus escapes removed, to search for options in. */
export function roffText(roff: string): string {
	return roff.replaceAll(/\\f(\[[^\]]*\]|.)/g, '').replaceAll('\\-', '-');
}
