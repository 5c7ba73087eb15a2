import {isAbsolute, resolve} from 'node:path';
import {invalidOption} from '@vmspawn/cli';

/**
 * A path option as upstream takes --firmware=: absolute, or relative spelled `./…`
 * so it cannot be mistaken for a keyword. Empty means "not given". Made absolute.
 */
export function parsePathOption(option: string, value: string | undefined, cwd: string = process.cwd()): string | undefined {
	if (value === undefined || value === '') {
		return undefined;
	}

	if (!isAbsolute(value) && !value.startsWith('./')) {
		throw invalidOption(option, value, "absolute path or path starting with './' required");
	}

	return resolve(cwd, value);
}
