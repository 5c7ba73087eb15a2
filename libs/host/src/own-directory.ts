import {type Stats, lstatSync} from 'node:fs';
import {CliError, errno} from '@vmspawn/cli';

/**
 * How closed a directory of ours must be: `private` has no group or other bits
 * at all (0700); `closed-to-writes` may be read by others but written only by us (0755).
 */
export type DirectoryRule = 'private' | 'closed-to-writes';

/** Why a directory or file cannot be trusted, with the errno its refusal exits with. */
export type PathProblem = {readonly reason: string; readonly code: keyof typeof errno};

const forbiddenBits: Record<DirectoryRule, number> = {private: 0o077, 'closed-to-writes': 0o022};

function currentUid(): number {
	return process.getuid?.() ?? 0;
}

export function octalMode(mode: number): string {
	return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** What is wrong with an lstat result for a directory that must be ours; undefined when nothing is. */
export function ownDirectoryStatsProblem(status: Stats, rule: DirectoryRule, uid: number = currentUid()): PathProblem | undefined {
	if (status.isSymbolicLink()) {
		return {reason: 'it is a symbolic link', code: 'ELOOP'};
	}

	if (!status.isDirectory()) {
		return {reason: 'it is not a directory', code: 'ENOTDIR'};
	}

	if (status.uid !== uid) {
		return {reason: `it is owned by uid ${status.uid}, not by uid ${uid}`, code: 'EPERM'};
	}

	if ((status.mode & forbiddenBits[rule]) !== 0) {
		return {reason: `its mode ${octalMode(status.mode)} lets other users ${rule === 'private' ? 'in' : 'write to it'}`, code: 'EPERM'};
	}

	return undefined;
}

/**
 * What is wrong with `path` as a directory of ours, checked with lstat so a
 * symlink is never followed; 'missing' when there is nothing there.
 */
export function ownDirectoryProblem(path: string, rule: DirectoryRule, uid: number = currentUid()): PathProblem | 'missing' | undefined {
	let status: Stats;
	try {
		status = lstatSync(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return 'missing';
		}

		return {reason: (error as Error).message, code: 'EIO'};
	}

	return ownDirectoryStatsProblem(status, rule, uid);
}

/** Refuses, in one line naming `what`, a directory that another user made, could change, or that is a symlink. */
export function verifyOwnDirectory(path: string, rule: DirectoryRule, what: string): void {
	const problem = ownDirectoryProblem(path, rule);
	if (problem === 'missing') {
		throw new CliError(`${what} ${path} does not exist`, {exitCode: errno.ENOENT});
	}

	if (problem) {
		throw new CliError(`refusing ${what} ${path}: ${problem.reason}`, {exitCode: errno[problem.code]});
	}
}

/** What is wrong with an lstat result for a regular file that must be ours; undefined when nothing is. */
export function ownFileStatsProblem(status: Stats, uid: number = currentUid()): PathProblem | undefined {
	if (status.isSymbolicLink()) {
		return {reason: 'it is a symbolic link', code: 'ELOOP'};
	}

	if (!status.isFile()) {
		return {reason: 'it is not a regular file', code: 'EINVAL'};
	}

	return status.uid === uid ? undefined : {reason: `it is owned by uid ${status.uid}, not by uid ${uid}`, code: 'EPERM'};
}
