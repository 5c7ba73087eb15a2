import {describeExit, signalNumber} from './child-status.js';
import {launcherExitCodes} from './exit-codes.js';
import type {ChildEnd} from './spawn-child.js';

/** How the run ended, whatever the guest did; recorded by the phase that saw it. */
export type RunEnd =
	| {readonly by: 'helper-start'; readonly failure: string}
	| {readonly by: 'signal-before-launch'; readonly signal: NodeJS.Signals}
	| {readonly by: 'qemu-start'; readonly program: string; readonly reason: string}
	| ({readonly by: 'helper'; readonly helper: string} & ChildEnd)
	| ({readonly by: 'qemu'} & ChildEnd);

/** What a run observed, recorded as it happened: the outcome is decided from this alone. */
export type RunFacts = {
	readonly end: RunEnd;
	/** The first SIGINT, SIGTERM or SIGHUP vmspawn-run received. */
	readonly interruptedBy?: NodeJS.Signals | undefined;
	/** vmspawn-run killed qemu after that signal (a second signal, the power-off timeout, no way to ask). */
	readonly killedAfterSignal?: boolean;
	/** The user left the console with its escape key, which kills qemu. */
	readonly escaped?: boolean;
	/** qemu reported GUEST_PANICKED. */
	readonly panicked?: boolean;
	/** The guest's EXIT_STATUS=, from its notify socket or else its notification port. */
	readonly guestExitStatus?: number | undefined;
};

export type RunVmResult = {readonly exitCode: number; readonly message?: string};

const signalExit = (signal: NodeJS.Signals) => launcherExitCodes.signalBase + signalNumber(signal);

function afterQemuExit(end: ChildEnd, facts: RunFacts): RunVmResult {
	if (facts.escaped) {
		return {exitCode: 0};
	}

	if (facts.panicked) {
		return {exitCode: launcherExitCodes.guestPanicked, message: "the guest's kernel panicked"};
	}

	// A guest that powered off cleanly when asked says more than the signal did; one we had to kill does not.
	if (facts.interruptedBy && (facts.killedAfterSignal || end.code !== 0)) {
		return {exitCode: signalExit(facts.interruptedBy)};
	}

	if (end.signal) {
		return {exitCode: signalExit(end.signal), message: describeExit('qemu', end.code, end.signal)};
	}

	if (end.code !== 0) {
		return {exitCode: launcherExitCodes.qemuFailed, message: describeExit('qemu', end.code, end.signal)};
	}

	const status = facts.guestExitStatus;
	return status === undefined || status === 0 ? {exitCode: 0} : {exitCode: status, message: `the guest reported exit status ${status}`};
}

/** vmspawn-run's exit status and the one line it prints, from what the run observed. */
export function decideOutcome(facts: RunFacts): RunVmResult {
	const {end} = facts;
	switch (end.by) {
		case 'helper-start': {
			return {exitCode: launcherExitCodes.helperFailed, message: `helper ${end.failure}`};
		}

		case 'signal-before-launch': {
			return {exitCode: signalExit(end.signal)};
		}

		case 'qemu-start': {
			return {exitCode: launcherExitCodes.qemuFailed, message: `cannot start ${end.program}: ${end.reason}`};
		}

		case 'helper': {
			return {
				exitCode: launcherExitCodes.helperFailed,
				message: `${describeExit(end.helper, end.code, end.signal)} while the guest was running; stopping the VM`,
			};
		}

		case 'qemu': {
			return afterQemuExit(end, facts);
		}
	}
}
