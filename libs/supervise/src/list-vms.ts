import {isProcessRunning, runtimeBase} from '@vmspawn/host';
import type {VmStatus} from '@vmspawn/plan';
import {runtimeDirsUnder, removeStaleRuntimeDirs} from './runtime-dir.js';
import {readStatusFile} from './status-file.js';

/**
 * The VMs this user runs now, from the status files under the runtime base,
 * oldest first. A run counts only while its vmspawn-run is the very process
 * that wrote the status (same pid and start time); directories of dead runs
 * are removed on the way, as a new run would.
 */
export function listRunningVms(env: NodeJS.ProcessEnv = process.env): VmStatus[] {
	const base = runtimeBase(env);
	removeStaleRuntimeDirs(base);
	const running: VmStatus[] = [];
	for (const directory of runtimeDirsUnder(base)) {
		// A directory without a status is a run still creating it, or not a run at all.
		const status = readStatusFile(directory);
		if (status && isProcessRunning({pid: status.pid, startTime: status.pidStartTime})) {
			running.push(status);
		}
	}

	return running.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.name.localeCompare(b.name));
}
