import {accessSync, constants} from 'node:fs';
import {delimiter, dirname, resolve} from 'node:path';

// Where installed programs live; only root can put one there.
const systemDirectories = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);
const systemTrees = ['/usr/libexec/', '/usr/lib/', '/usr/lib64/', '/usr/local/libexec/', '/usr/local/lib/', '/lib/', '/lib64/'];

function pathDirectories(env: NodeJS.ProcessEnv): string[] {
	return (env['PATH'] ?? '')
		.split(delimiter)
		.filter(entry => entry.startsWith('/'))
		.map(entry => resolve(entry));
}

/**
 * Whether a program is one the user would run anyway: a bare name (found on $PATH),
 * or a path in a system directory or a directory of $PATH. Judged lexically, after `..`.
 */
export function isSystemProgram(program: string, env: NodeJS.ProcessEnv): boolean {
	if (!program.includes('/')) {
		return true;
	}

	const path = resolve(program);
	const directory = dirname(path);
	return systemDirectories.has(directory) || systemTrees.some(tree => path.startsWith(tree)) || pathDirectories(env).includes(directory);
}

/** Why a program cannot be started, without starting it (its errno code), or undefined when it could be. */
export function notExecutable(program: string): string | undefined {
	try {
		accessSync(program, constants.X_OK);
		return undefined;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code ?? 'not executable';
	}
}
