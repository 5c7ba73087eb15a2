import meow, {type AnyFlags} from 'meow';
import {UsageError} from './errors.js';
import {type OptionDef, type ToolSpec, allOptions} from './tool-spec.js';

export type OptionValue = string | readonly string[] | boolean | undefined;

export type ParsedArgs = {
	/** Values by long option name; a value option given several times keeps its last value unless `multiple`. */
	readonly values: ReadonlyMap<string, string | readonly string[] | boolean>;
	readonly positional: readonly string[];
	/** Every value option as given, in command-line order (for options whose relative order matters). */
	readonly ordered: ReadonlyArray<{readonly name: string; readonly value: string}>;
};

function camelCase(name: string): string {
	return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

// meow only knows --no-X as the negation of X, so `--no-pager` is declared as `pager`.
function meowKey(option: OptionDef): string {
	return option.name.startsWith('no-') && option.kind === 'switch' ? camelCase(option.name.slice(3)) : camelCase(option.name);
}

// getopt refuses this too; ignoring it made `vmspawn-fs --image` share the current directory read-write.
function missingValue(given: string): UsageError {
	return new UsageError(`option ${given} requires a value`);
}

/**
 * Splits argv where option parsing stops (`--` or, if asked, the first
 * non-option) and writes every value option as `--name=value`, so a value that
 * looks like an option (`-M -x`) is taken as getopt would take it. A value
 * option without a next word is a usage error.
 */
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
			const option = byLong.get(token.slice(2));
			if (option?.kind === 'value' && index + 1 >= argv.length) {
				throw missingValue(token);
			}

			// The next word is the value even when empty: `--kvm ""` means auto.
			head.push(option?.kind === 'value' ? `${token}=${argv[++index]!}` : token);
		} else if (token.startsWith('-') && token.length > 1) {
			// In a cluster like -qM, a value option takes the rest of the token or the next argument.
			for (let position = 1; position < token.length; position++) {
				const option = byShort.get(token[position]!);
				if (option?.kind !== 'value') {
					head.push(`-${token[position]!}`);
					continue;
				}

				const attached = token.slice(position + 1);
				if (attached !== '') {
					head.push(`--${option.name}=${attached}`);
				} else if (index + 1 < argv.length) {
					head.push(`--${option.name}=${argv[++index]!}`);
				} else {
					throw missingValue(`-${option.short!}`);
				}

				break;
			}
		} else if (stopAtFirstPositional) {
			return [head, argv.slice(index)];
		} else {
			head.push(token);
		}
	}

	return [head, []];
}

// Checked on the normalised tokens: meow would report `--no-such` as the negation of `--such`.
function unknownOption(head: readonly string[], options: readonly OptionDef[]): string | undefined {
	const longNames = new Set(options.map(option => option.name));
	const shortNames = new Set(options.flatMap(option => (option.short ? [option.short] : [])));
	for (const token of head) {
		if (token.startsWith('--') && !longNames.has(token.slice(2).split('=')[0]!)) {
			return token.split('=')[0];
		}

		if (/^-[^-]$/.test(token) && !shortNames.has(token[1]!)) {
			return token;
		}
	}

	return undefined;
}

/**
 * The options the normalised tokens name. Only these are declared to meow: an option not given
 * reads as unset either way, and meow's work grows with the options declared (a tenth of
 * vmspawn-run's dry run went on its alias tables for ~60 options when a dozen were given).
 */
function givenOptions(head: readonly string[], options: readonly OptionDef[]): OptionDef[] {
	const names = new Set(head.filter(token => token.startsWith('--')).map(token => token.slice(2).split('=')[0]!));
	const shorts = new Set(head.filter(token => /^-[^-]$/.test(token)).map(token => token[1]!));
	return options.filter(option => names.has(option.name) || (option.short !== undefined && shorts.has(option.short)));
}

/** Parses a tool's command line with meow under the shared conventions. */
export function parseArgs(spec: ToolSpec, argv: readonly string[]): ParsedArgs {
	const options = allOptions(spec);
	const [head, tail] = splitArguments(argv, options, spec.stopAtFirstPositional ?? false);
	const flags: AnyFlags = {};
	for (const option of givenOptions(head, options)) {
		flags[meowKey(option)] =
			option.kind === 'switch'
				? {type: 'boolean', ...(option.short ? {shortFlag: option.short} : {}), ...(option.name.startsWith('no-') ? {default: true} : {})}
				: // Every value option is collected as a list so a repeated option means "last one wins", as with getopt.
					{type: 'string', isMultiple: true, ...(option.short ? {shortFlag: option.short} : {})};
	}

	let result;
	try {
		result = meow({
			importMeta: import.meta,
			// Given, meow reads no package.json (a file walk it would only use for the process
			// title). The title it sets replaces /proc/PID/cmdline: ps shows the tool's name.
			pkg: {name: spec.name},
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

	const unknown = unknownOption(head, options);
	if (unknown) {
		throw new UsageError(`unknown option ${unknown}`);
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

	const ordered = head
		.filter(token => token.startsWith('--') && token.includes('='))
		.map(token => {
			const separator = token.indexOf('=');
			return {name: token.slice(2, separator), value: token.slice(separator + 1)};
		});
	return {values, positional: [...result.input, ...tail], ordered};
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
