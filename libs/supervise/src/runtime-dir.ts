import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';

const ownerFile = 'owner.pid';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes runtime directories whose owning vmspawn-run is gone (it was killed
 * with SIGKILL and could not clean up). Returns the directories removed.
 */
export function removeStaleRuntimeDirs(base: string): string[] {
	let entries: string[];
	try {
		entries = readdirSync(base);
	} catch {
		return [];
	}

	const removed: string[] = [];
	for (const entry of entries) {
		const directory = join(base, entry);
		let pid: number;
		try {
			pid = Number.parseInt(readFileSync(join(directory, ownerFile), 'utf8'), 10);
		} catch {
			continue;
		}

		if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
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
	await writeFile(join(directory, ownerFile), `${process.pid}\n`, {mode: 0o600});
}

export async function removeRuntimeDir(directory: string): Promise<void> {
	await rm(directory, {recursive: true, force: true});
}
