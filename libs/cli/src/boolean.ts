import {invalidOption} from './errors.js';

// systemd's boolean spellings (parse_boolean()), compared case-insensitively.
const trueWords = ['1', 'yes', 'y', 'true', 't', 'on'] as const;
const falseWords = ['0', 'no', 'n', 'false', 'f', 'off'] as const;

export const booleanWords: readonly string[] = [...trueWords, ...falseWords];

export function parseBooleanWord(value: string): boolean | undefined {
	const word = value.toLowerCase();
	if ((trueWords as readonly string[]).includes(word)) {
		return true;
	}

	if ((falseWords as readonly string[]).includes(word)) {
		return false;
	}

	return undefined;
}

/** A systemd boolean option value, e.g. `--register=no`. */
export function parseBoolean(option: string, value: string): boolean {
	const parsed = parseBooleanWord(value);
	if (parsed === undefined) {
		throw invalidOption(option, value, 'expected a boolean (yes/no, true/false, on/off, 1/0)');
	}

	return parsed;
}

export type Tristate = 'yes' | 'no' | 'auto';

/**
 * A boolean option that also accepts `auto` where the tool can detect the answer. An empty
 * value is `auto` too, as systemd's parse_tristate() takes it: mkosi passes `--kvm ""`.
 */
export function parseTristate(option: string, value: string): Tristate {
	if (value === '' || value.toLowerCase() === 'auto') {
		return 'auto';
	}

	const parsed = parseBooleanWord(value);
	if (parsed === undefined) {
		throw invalidOption(option, value, 'expected a boolean (yes/no, true/false, on/off, 1/0) or auto');
	}

	return parsed ? 'yes' : 'no';
}
