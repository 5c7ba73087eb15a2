import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {currentProcessIdentity, isProcessRunning} from '@vmspawn/host';

// "PID STARTTIME": the start time tells a reused pid from the run that created the directory.
const ownerFile = 'owner.pid';

/** The run that owns a runtime directory; undefined when the directory has no owner file (not ours). */
function readOwner(directory: string): {pid: number; startTime?: number} | undefined {
	let text: string;
	try {
		text = readFileSync(join(directory, ownerFile), 'utf8');
	} catch {
		return undefined;
	}

	const [pid, startTime] = text.trim().split(/\s+/).map(word => Number.parseInt(word, 10));
	// Older runs wrote the pid alone.
	return {pid: pid ?? Number.NaN, ...(startTime === undefined || Number.isNaN(startTime) ? {} : {startTime})};
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
 * another process. Returns the directories removed.
 */
export function removeStaleRuntimeDirs(base: string): string[] {
	const removed: string[] = [];
	for (const directory of runtimeDirsUnder(base)) {
		const owner = readOwner(directory);
		if (owner && Number.isInteger(owner.pid) && owner.pid > 0 && !isProcessRunning(owner)) {
			rmSync(directory, {recursive: true, force: true});
			removed.push(directory);
		}
	}

	return removed;
}

/** Creates the private runtime directory (0700) and records who owns it. */
export async function createRuntimeDir(directory: string): Promise<void> {
	await mkdir(dirname(directory), {recursive: true, mode: 0o755});
	await mkdir(directory, {mode: 0o700});
	const owner = currentProcessIdentity();
	try {
		await writeFile(join(directory, ownerFile), `${owner.pid} ${owner.startTime}\n`, {mode: 0o600});
	} catch (error) {
		// Without its owner file (a full disk) no later run would ever know to remove it.
		await rm(directory, {recursive: true, force: true});
		throw error;
	}
}

export async function removeRuntimeDir(directory: string): Promise<void> {
	await rm(directory, {recursive: true, force: true});
}
