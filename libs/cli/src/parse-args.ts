import meow, {type AnyFlags} from 'meow';
import {UsageError} from './errors.js';
import {type OptionDef, type ToolSpec, allOptions} from './tool-spec.js';

export type OptionValue = string | readonly string[] | boolean | undefined;

export type ParsedArgs = {
	/** Values by long option name; a value option given several times keeps its last value unless `multiple`. */
	readonly values: ReadonlyMap<string, string | readonly string[] | boolean>;
	readonly positional: readonly string[];
};

function camelCase(name: string): string {
	return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

// meow only knows --no-X as the negation of X, so `--no-pager` is declared as `pager`.
function meowKey(option: OptionDef): string {
	return option.name.startsWith('no-') && option.kind === 'switch' ? camelCase(option.name.slice(3)) : camelCase(option.name);
}

/** Splits argv where option parsing stops: `--` or, if asked, the first non-option. */
export function splitArguments(argv: readonly string[], options: readonly OptionDef[], stopAtFirstPositional: boolean): [string[], string[]] {
	const byLong = new Map(options.map(option => [option.name, option]));
	const byShort = new Map(options.filter(option => option.short).map(option => [option.short!, option]));
	const head: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const token = argv[index]!;
		if (token === '--') {
			return [head, argv.slice(index + 1)];
		}

		if (token.startsWith('--')) {
			head.push(token);
			const option = byLong.get(token.slice(2));
			if (option?.kind === 'value' && index + 1 < argv.length) {
				head.push(argv[++index]!);
			}
		} else if (token.startsWith('-') && token.length > 1) {
			head.push(token);
			// In a cluster like -qM, a value option takes the rest of the token or the next argument.
			for (let position = 1; position < token.length; position++) {
				if (byShort.get(token[position]!)?.kind === 'value') {
					if (position === token.length - 1 && index + 1 < argv.length) {
						head.push(argv[++index]!);
					}

					break;
				}
			}
		} else if (stopAtFirstPositional) {
			return [head, argv.slice(index)];
		} else {
			head.push(token);
		}
	}

	return [head, []];
}

/** Parses a tool's command line with meow under the shared conventions. */
export function parseArgs(spec: ToolSpec, argv: readonly string[]): ParsedArgs {
	const options = allOptions(spec);
	const [head, tail] = splitArguments(argv, options, spec.stopAtFirstPositional ?? false);
	const flags: AnyFlags = {};
	for (const option of options) {
		flags[meowKey(option)] = option.kind === 'switch'
			? {type: 'boolean', ...(option.short ? {shortFlag: option.short} : {}), ...(option.name.startsWith('no-') ? {default: true} : {})}
			// Every value option is collected as a list so a repeated option means "last one wins", as with getopt.
			: {type: 'string', isMultiple: true, ...(option.short ? {shortFlag: option.short} : {})};
	}

	let result;
	try {
		result = meow({
			importMeta: import.meta,
			argv: head,
			flags,
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			booleanDefault: undefined,
			description: false,
		});
	} catch (error) {
		throw new UsageError((error as Error).message);
	}

	const known = new Set<string>();
	for (const option of options) {
		known.add(meowKey(option)).add(option.name).add(camelCase(option.name));
		if (option.short) {
			known.add(option.short);
		}
	}

	for (const key of Object.keys(result.unnormalizedFlags)) {
		if (!known.has(key)) {
			throw new UsageError(`unknown option ${key.length === 1 ? '-' : '--'}${key}`);
		}
	}

	const givenEmpty = new Set(head.filter(token => /^--[^=]+=$/.test(token)).map(token => token.slice(2, -1)));
	const values = new Map<string, string | readonly string[] | boolean>();
	const flagValues = result.flags as Record<string, unknown>;
	for (const option of options) {
		const raw = flagValues[meowKey(option)];
		if (option.kind === 'switch') {
			const enabled = option.name.startsWith('no-') ? raw === false : raw === true;
			if (enabled) {
				values.set(option.name, true);
			}
		} else if (Array.isArray(raw) && (raw.length > 0 || givenEmpty.has(option.name))) {
			// yargs-parser drops a lone `--name=`; an empty value means "reset to the default" to systemd tools.
			const strings = raw.length > 0 ? raw.map(String) : [''];
			values.set(option.name, option.multiple ? strings : strings.at(-1)!);
		}
	}

	return {values, positional: [...result.input, ...tail]};
}

export function stringValue(args: ParsedArgs, name: string): string | undefined {
	const value = args.values.get(name);
	return typeof value === 'string' ? value : undefined;
}

export function listValue(args: ParsedArgs, name: string): readonly string[] {
	const value = args.values.get(name);
	return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function switchValue(args: ParsedArgs, name: string): boolean {
	return args.values.get(name) === true;
}
