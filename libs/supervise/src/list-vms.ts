import {isProcessRunning, runtimeBase, runtimeBaseProblem} from '@vmspawn/host';
import {CliError, errno} from '@vmspawn/cli';
import type {VmStatus} from '@vmspawn/plan';
import {isOwnRunDirectory, runtimeDirsUnder, removeStaleRuntimeDirs} from './runtime-dir.js';
import {readStatusFile} from './status-file.js';

/**
 * The VMs this user runs now, from the status files under the runtime base,
 * oldest first. A run counts only while its vmspawn-run is the very process
 * that wrote the status (same pid and start time); directories of dead runs
 * are removed on the way, as a new run would. Only our own run directories and
 * status files are read: a base others can change is refused.
 */
export function listRunningVms(env: NodeJS.ProcessEnv = process.env): VmStatus[] {
	const base = runtimeBase(env);
	const problem = runtimeBaseProblem(base, env);
	if (problem === 'missing') {
		return [];
	}

	if (problem) {
		throw new CliError(`refusing the runtime directory base ${base}: ${problem.reason}`, {exitCode: errno[problem.code]});
	}

	removeStaleRuntimeDirs(base, env);
	const running: VmStatus[] = [];
	for (const directory of runtimeDirsUnder(base).filter(isOwnRunDirectory)) {
		// A directory without a status is a run still creating it, or not a run at all.
		const status = readStatusFile(directory);
		if (status && isProcessRunning({pid: status.pid, startTime: status.pidStartTime})) {
			running.push(status);
		}
	}

	return running.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.name.localeCompare(b.name));
}
