import {lstatSync, readdirSync, rmSync} from 'node:fs';
import {mkdir, rm} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {
	createExclusiveFile,
	currentProcessIdentity,
	isProcessRunning,
	prepareRuntimeBase,
	readOwnFile,
	removeRecordedCopy,
	runtimeBaseProblem,
	runtimeDirNamePattern,
} from '@vmspawn/host';

// "PID STARTTIME": the start time tells a reused pid from the run that created the directory.
const ownerFile = 'owner.pid';

/** The run that owns a runtime directory, from an owner.pid that is our own regular file; undefined otherwise. */
function readOwner(directory: string): {pid: number; startTime?: number} | undefined {
	const text = readOwnFile(join(directory, ownerFile));
	if (text === undefined) {
		return undefined;
	}

	const [pid, startTime] = text
		.trim()
		.split(/\s+/)
		.map(word => Number.parseInt(word, 10));
	// Older runs wrote the pid alone.
	return {pid: pid ?? Number.NaN, ...(startTime === undefined || Number.isNaN(startTime) ? {} : {startTime})};
}

/** Whether `base` is a runtime base nobody else can have put entries in: ours, a real directory, closed to others. */
export function isTrustedRuntimeBase(base: string, env: NodeJS.ProcessEnv = process.env): boolean {
	return runtimeBaseProblem(base, env) === undefined;
}

/**
 * Whether `directory` is provably a run directory of ours: named as
 * newRuntimeDir names them, a real directory (never a symlink) owned by us.
 */
export function isOwnRunDirectory(directory: string): boolean {
	if (!runtimeDirNamePattern.test(basename(directory))) {
		return false;
	}

	try {
		const status = lstatSync(directory);
		return status.isDirectory() && status.uid === process.getuid?.();
	} catch {
		return false;
	}
}

/** Every entry under the runtime base, as a path (runs and anything else); none when there is no base yet. */
export function runtimeDirsUnder(base: string): string[] {
	try {
		return readdirSync(base).map(entry => join(base, entry));
	} catch {
		return [];
	}
}

/**
 * Removes runtime directories whose owning vmspawn-run is gone (it was killed
 * with SIGKILL and could not clean up), even when its pid now belongs to
 * another process. Only what is provably ours goes: in a trusted base, a run
 * directory of ours whose owner.pid is our own regular file. Returns the directories removed.
 */
export function removeStaleRuntimeDirs(base: string, env: NodeJS.ProcessEnv = process.env): string[] {
	if (!isTrustedRuntimeBase(base, env)) {
		return [];
	}

	const removed: string[] = [];
	for (const directory of runtimeDirsUnder(base).filter(isOwnRunDirectory)) {
		const owner = readOwner(directory);
		if (owner && Number.isInteger(owner.pid) && owner.pid > 0 && !isProcessRunning(owner)) {
			// An --ephemeral directory root's copy first: only the run directory says where it is.
			removeRecordedCopy(directory);
			// rm removes a symlink inside rather than following it.
			rmSync(directory, {recursive: true, force: true});
			removed.push(directory);
		}
	}

	return removed;
}

/**
 * Creates the private runtime directory (0700) in a verified base, refusing a
 * base another user could have made or can change, and records who owns it.
 */
export async function createRuntimeDir(directory: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
	prepareRuntimeBase(dirname(directory), env);
	// Never an existing directory: mkdir fails on anything already there, a symlink included.
	await mkdir(directory, {mode: 0o700});
	const owner = currentProcessIdentity();
	try {
		await createExclusiveFile(join(directory, ownerFile), `${owner.pid} ${owner.startTime}\n`, 0o600);
	} catch (error) {
		// Without its owner file (a full disk) no later run would ever know to remove it.
		await rm(directory, {recursive: true, force: true});
		throw error;
	}
}

export async function removeRuntimeDir(directory: string): Promise<void> {
	removeRecordedCopy(directory);
	await rm(directory, {recursive: true, force: true});
}
