import {lstatSync, readlinkSync, realpathSync} from 'node:fs';
import {join} from 'node:path';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';

/** As systemd's CHASE_MAX: more symbolic links than this on one path is a loop. */
export const maxSymlinkHops = 32;

function components(path: string): string[] {
	return path.split('/').filter(name => name !== '' && name !== '.');
}

function refused(path: string, root: string, why: string, code: number): CliError {
	return new CliError(`cannot resolve ${path} in ${root}: ${why}`, {exitCode: code});
}

function lstatInRoot(candidate: string, path: string, root: string) {
	try {
		return lstatSync(candidate);
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		const why = code === 'ENOENT' ? 'No such file or directory' : (code ?? 'cannot stat');
		throw refused(path, root, why, errnoExitCode(code) ?? errno.EIO);
	}
}

/**
 * Resolves `path` component by component inside `root`, like systemd's chase()
 * with CHASE_PREFIX_ROOT: `..` stops at the root, absolute symbolic links are
 * re-rooted at it, and more than `maxSymlinkHops` links is ELOOP. The result has
 * no symbolic link left in it and is always `root` or below it. For paths a
 * guest wrote: the host never follows its links out of its tree.
 */
export function chaseInRoot(root: string, path: string): string {
	const base = realpathSync(root);
	const resolved: string[] = [];
	// A stack of the components still to walk, the next one last.
	const pending = components(path).reverse();
	let hops = 0;
	while (pending.length > 0) {
		const name = pending.pop()!;
		if (name === '..') {
			resolved.pop();
			continue;
		}

		const candidate = join(base, ...resolved, name);
		const stats = lstatInRoot(candidate, path, base);
		if (stats.isSymbolicLink()) {
			if (++hops > maxSymlinkHops) {
				throw refused(path, base, 'too many levels of symbolic links', errno.ELOOP);
			}

			const target = readlinkSync(candidate);
			if (target.startsWith('/')) {
				resolved.length = 0;
			}

			pending.push(...components(target).reverse());
			continue;
		}

		if (pending.length > 0 && !stats.isDirectory()) {
			throw refused(path, base, 'Not a directory', errno.ENOTDIR);
		}

		resolved.push(name);
	}

	return join(base, ...resolved);
}

/** chaseInRoot() of a path that must be a regular file (a kernel, an initrd, a .conf): no FIFO, device or directory. */
export function chaseFileInRoot(root: string, path: string): string {
	const resolved = chaseInRoot(root, path);
	if (!lstatSync(resolved).isFile()) {
		throw refused(path, realpathSync(root), 'not a regular file', errno.EINVAL);
	}

	return resolved;
}

/** chaseInRoot() of a directory, or undefined when there is none (a missing directory is no error for a search). */
export function chaseDirectoryInRoot(root: string, path: string): string | undefined {
	try {
		const resolved = chaseInRoot(root, path);
		return lstatSync(resolved).isDirectory() ? resolved : undefined;
	} catch {
		return undefined;
	}
}
