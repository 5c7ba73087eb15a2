import {readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {processesMentioning} from '../e2e/helpers/leaks.js';

export type Leftovers = {readonly processes: number; readonly runtimeEntries: number; readonly tempDirs: number};

/** Every file and directory under `directory`, counted recursively; 0 when it does not exist. */
function countEntries(directory: string): number {
	try {
		return readdirSync(directory, {withFileTypes: true}).reduce(
			(total, entry) => total + 1 + (entry.isDirectory() ? countEntries(join(directory, entry.name)) : 0),
			0,
		);
	} catch {
		return 0;
	}
}

/**
 * What runs can leave behind: processes (qemu, swtpm, virtiofsd) still naming the
 * soak's private runtime base, anything under that base, and the temporary
 * directories the tools make in $TMPDIR (ssh-keygen's, a credential read from stdin).
 */
export function countLeftovers(runtimeBase: string): Leftovers {
	return {
		processes: processesMentioning(runtimeBase).length,
		runtimeEntries: countEntries(runtimeBase),
		tempDirs: readdirSync(tmpdir()).filter(name => /^vmspawn-(keygen|stdin)-/.test(name)).length,
	};
}
