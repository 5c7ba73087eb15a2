import {statSync} from 'node:fs';
import {isAbsolute, resolve} from 'node:path';
import {CliError, UsageError, errno, invalidOption} from '@vmspawn/cli';

/** A host directory to mount in the guest, as given with --bind= or --bind-ro=. */
export type Bind = {
	readonly source: string;
	readonly target: string;
	readonly readOnly: boolean;
	/** The option as the user wrote it, for messages: `--bind-ro=/srv:/data`. */
	readonly given: string;
};

/**
 * Splits SRC[:DST] at the first unescaped colon, as upstream's extract_first_word():
 * a backslash takes the next character literally; DST is the rest, verbatim.
 */
export function splitBind(value: string): {source: string; target: string | undefined} | undefined {
	let source = '';
	for (let index = 0; index < value.length; index++) {
		const character = value[index]!;
		if (character === '\\') {
			if (index + 1 >= value.length) {
				return undefined;
			}

			source += value[++index];
		} else if (character === ':') {
			return {source, target: value.slice(index + 1)};
		} else {
			source += character;
		}
	}

	return {source, target: undefined};
}

/** Parses one --bind= or --bind-ro= value; the source must be an existing directory. */
export function parseBind(option: 'bind' | 'bind-ro', value: string, cwd: string = process.cwd()): Bind {
	const split = splitBind(value);
	if (split === undefined) {
		throw invalidOption(option, value, 'a trailing backslash escapes nothing');
	}

	if (split.source === '') {
		throw invalidOption(option, value, 'expected SRC[:DST] with a non-empty source directory');
	}

	const source = resolve(cwd, split.source);
	let stats;
	try {
		stats = statSync(source);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const exitCode = code === 'ENOENT' ? errno.ENOENT : code === 'EACCES' ? errno.EACCES : errno.EINVAL;
		throw new CliError(
			`invalid --${option}=${value}: ${code === 'ENOENT' ? `${source} does not exist` : `cannot access ${source} (${code ?? 'unknown error'})`}`,
			{exitCode},
		);
	}

	// virtiofsd shares directories only.
	if (!stats.isDirectory()) {
		throw new CliError(`invalid --${option}=${value}: ${source} is not a directory`, {exitCode: errno.ENOTDIR});
	}

	// Without DST the guest path is the source as written, so it must be absolute already.
	const target = split.target ?? split.source;
	if (!isAbsolute(target)) {
		throw new UsageError(
			`invalid --${option}=${value}: ${split.target === undefined ? `the source ${split.source} is relative, so a destination is needed (SRC:DST)` : `the destination ${target === '' ? '(empty)' : target} is not an absolute path`}`,
		);
	}

	return {source, target, readOnly: option === 'bind-ro', given: `--${option}=${value}`};
}

/** Parses all binds and refuses two mounts on the same guest path. */
export function parseBinds(values: {readonly bind: readonly string[]; readonly bindRo: readonly string[]}, cwd?: string): Bind[] {
	const binds = [...values.bind.map(value => parseBind('bind', value, cwd)), ...values.bindRo.map(value => parseBind('bind-ro', value, cwd))];
	const seen = new Map<string, Bind>();
	for (const bind of binds) {
		const key = resolve('/', bind.target);
		const earlier = seen.get(key);
		if (earlier) {
			throw new UsageError(`invalid ${bind.given}: ${bind.target} is already the destination of ${earlier.given}`);
		}

		seen.set(key, bind);
	}

	return binds;
}
