import type {Writable} from 'node:stream';
import type {Logger} from '@vmspawn/cli';
import type {HelperProcess} from '@vmspawn/plan';
import type {StreamListener} from '@vmspawn/host';
import {unrunnableHelper} from './check-programs.js';
import {CleanupStack} from './cleanup-stack.js';
import {type RunFacts, type RunVmResult, decideOutcome} from './decide-outcome.js';
import {Interruption} from './interruption.js';
import {launchQemu, startHelperPhase} from './run-launch.js';
import {observeGuest} from './run-observe.js';
import {ignoreOutputErrors, prepareRun, takeOverHandedResources} from './run-prepare.js';
import {gatherFacts, watchUntilEnd} from './run-watch.js';
import type {VmDescription} from './status-recorder.js';

export type {RunVmResult} from './decide-outcome.js';

export type RunVmRequest = {
	readonly runtimeDir: string;
	readonly qemuArgv: readonly string[];
	readonly helpers: readonly HelperProcess[];
	/** Work that needs the runtime directory before qemu starts (merge initrds, copy NVRAM, ...). */
	readonly prepare: ReadonlyArray<() => Promise<void>>;
	/** qemu's QMP socket: the first SIGINT/SIGTERM asks the guest to power off through it. */
	readonly qmpSocket?: string;
	/** The socket qemu connects the guest's notification port to (vmspawn-run listens); its EXIT_STATUS= becomes our exit status. */
	readonly notifySocket?: string;
	/**
	 * The host's end of the guest's notify socket (vsock), already listening; closed here.
	 * The guest's READY=1 and STATUS= go on to our own service manager, its EXIT_STATUS= becomes ours.
	 */
	readonly notifyListener?: StreamListener;
	/** --notify-ready=no: READY=1 to our service manager once qemu runs, not when the guest says so. Default: yes. */
	readonly notifyReady?: boolean;
	/** The environment naming our own service manager's $NOTIFY_SOCKET, if any, and the runtime base the stale-run sweep looks in. */
	readonly env?: NodeJS.ProcessEnv;
	/** How long a guest may take to power off when asked before qemu is killed. */
	readonly powerdownTimeoutMs?: number;
	/**
	 * Files only qemu's start reads (the credential files): removed as soon as qemu answers on its
	 * events monitor, by which time it has read every file its arguments name. Without a QMP
	 * socket they go with the runtime directory.
	 */
	readonly startOnlyFiles?: readonly string[];
	/** Open fds qemu inherits as its fds 3, 4, ... (e.g. the vhost-vsock fd holding the CID); closed here once qemu has them. */
	readonly passFds?: readonly number[];
	/**
	 * What qemu's console reads: the terminal itself, nothing, or a pipe that `attach`
	 * feeds (the interactive console), which may end the VM by calling `onEscape`.
	 */
	readonly consoleInput: 'inherit' | 'ignore' | ConsoleAttach;
	/** What the status file (status.json in the runtime directory) says about the VM; absent: no status file. */
	readonly status?: VmDescription;
	/** Called with qemu's pid and the helpers' once qemu runs (scope, machined registration); a rejection stops the VM and is thrown after the clean-up. */
	readonly onStarted?: (qemuPid: number, helperPids: readonly number[]) => Promise<void>;
	readonly log: Logger;
};

export type ConsoleAttach = (guestInput: Writable, onEscape: () => void) => {stop(): void};

/**
 * The run's phases in order: prepare, start the helpers, launch qemu, observe the guest,
 * watch until the end. Each phase registers the clean-up of what it acquires on `cleanup`;
 * a phase that ends the run early returns how (`end`), and the facts go to decideOutcome.
 */
async function superviseRun(request: RunVmRequest, cleanup: CleanupStack): Promise<RunFacts> {
	ignoreOutputErrors(cleanup);
	const interruption = new Interruption({qmpSocket: request.qmpSocket, powerdownTimeoutMs: request.powerdownTimeoutMs, log: request.log});
	cleanup.defer(() => interruption.stop());
	takeOverHandedResources(request, cleanup);
	const run = await prepareRun(request, cleanup, interruption);
	const helpersEnd = await startHelperPhase(run);
	if (helpersEnd) {
		return {end: helpersEnd, interruptedBy: interruption.signal};
	}

	const launch = await launchQemu(run);
	if ('end' in launch) {
		return {end: launch.end, interruptedBy: interruption.signal};
	}

	// qemu and every helper have started: files only their start needed go once qemu has read them (observeGuest).
	const observed = await observeGuest(run, launch.qemu);
	const end = await watchUntilEnd(launch.qemu, run.helpers, observed.stopping);
	return gatherFacts(run, end, observed);
}

/**
 * Owns the whole life of the VM: runtime directory, helpers, qemu, signals and
 * clean-up. Whatever happens, helpers and qemu are stopped and the runtime
 * directory is removed before this returns.
 */
export async function runVm(request: RunVmRequest): Promise<RunVmResult> {
	const unrunnable = unrunnableHelper(request.helpers);
	if (unrunnable) {
		return unrunnable;
	}

	const cleanup = new CleanupStack();
	try {
		return decideOutcome(await superviseRun(request, cleanup));
	} finally {
		await cleanup.unwind();
	}
}
