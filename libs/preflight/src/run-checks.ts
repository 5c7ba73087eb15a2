import type {CheckResult} from './check-result.js';
import {checkBinaries} from './checks/binaries.js';
import {checkFiles} from './checks/files.js';
import {checkAccelerator, checkRuntimeDir, checkVsock} from './checks/host.js';
import {checkDisplay} from './checks/display.js';
import {checkSocketPaths} from './checks/sockets.js';
import type {PreflightInput} from './run-input.js';

/**
 * Everything a run would trip over, checked without starting it: binaries and their
 * versions, the files qemu opens, socket path lengths, the runtime directory, the
 * accelerator and vsock. Planning itself (firmware selection, KVM with --kvm=yes,
 * image locks, ...) has run before and failed with its own message if it had to.
 */
export async function runPreflight(input: PreflightInput): Promise<CheckResult[]> {
	return [
		...(await checkBinaries(input)),
		...checkFiles(input),
		checkSocketPaths(input),
		checkRuntimeDir(input),
		checkAccelerator(input),
		checkVsock(input),
		...(await checkDisplay(input)),
	];
}

export function preflightPassed(results: readonly CheckResult[]): boolean {
	return results.every(result => result.status !== 'fail');
}
