import {closeQuietly, runtimeBase} from '@vmspawn/host';
import type {CleanupStack} from './cleanup-stack.js';
import type {Interruption} from './interruption.js';
import {type NotifyPort, listenNotifyPort} from './notify-port.js';
import {preparationError} from './preparation-error.js';
import type {RunContext} from './run-context.js';
import type {RunVmRequest} from './run-vm.js';
import type {RunningChild} from './spawn-child.js';
import {createRuntimeDir, removeRuntimeDir, removeStaleRuntimeDirs} from './runtime-dir.js';
import {type StartedHelper, stopChildren} from './helpers.js';
import {StderrRelay} from './stderr-relay.js';
import {recordStatus} from './status-recorder.js';
import {within} from './within.js';

/** What the caller handed over to be closed on every way out: fds for qemu, the notify socket. */
export function takeOverHandedResources(request: RunVmRequest, cleanup: CleanupStack): void {
	cleanup.defer(() => {
		for (const fd of request.passFds ?? []) {
			closeQuietly(fd);
		}
	});
	cleanup.defer(() => request.notifyListener?.close());
}

/** A closed terminal (SIGHUP, EIO) or a closed pipe (EPIPE) must not stop the clean-up. */
export function ignoreOutputErrors(cleanup: CleanupStack): void {
	const ignoreWriteError = () => undefined;
	process.stdout.on('error', ignoreWriteError);
	process.stderr.on('error', ignoreWriteError);
	cleanup.defer(() => {
		process.stdout.off('error', ignoreWriteError);
		process.stderr.off('error', ignoreWriteError);
	});
}

/** qemu connects the guest's notification port to this socket as it starts: it must listen first. */
async function openNotifyPort(request: RunVmRequest, cleanup: CleanupStack): Promise<NotifyPort | undefined> {
	if (!request.notifySocket) {
		return undefined;
	}

	const port = await listenNotifyPort(request.notifySocket).catch((error: unknown) => {
		throw preparationError(request.runtimeDir, error);
	});
	cleanup.defer(() => port.close());
	return port;
}

/**
 * The runtime directory, made and filled; the relay, the child list and the status
 * file that live in and around it. Clean-up runs in reverse: the status says stopping,
 * the children are stopped, their last lines written out, the directory removed.
 */
export async function prepareRun(request: RunVmRequest, cleanup: CleanupStack, interruption: Interruption): Promise<RunContext> {
	const {runtimeDir} = request;
	// The real base only: a plan's runtime.dir must not choose whose directories are removed.
	removeStaleRuntimeDirs(runtimeBase(request.env), request.env);
	await createRuntimeDir(runtimeDir).catch((error: unknown) => {
		throw preparationError(runtimeDir, error);
	});
	cleanup.defer(async () => removeRuntimeDir(runtimeDir));
	const relay = new StderrRelay();
	// Their last words come before ours (the caller prints the outcome next).
	cleanup.defer(async () => within(relay.drained(), 1000));
	const children: RunningChild[] = [];
	const helpers: StartedHelper[] = [];
	// Registered before either exists: both lists fill as children spawn, and all of them are stopped at once.
	cleanup.defer(async () => stopChildren([...children, ...helpers]));
	const status = request.status && recordStatus(runtimeDir, request.status, {qmpSocket: request.qmpSocket, helpers: request.helpers, log: request.log});
	if (status) {
		void interruption.received.then(() => status.stopping());
		cleanup.defer(() => status.stopping());
	}

	// Every step ends before a failure is reported: the clean-up must not remove what a step
	// is still writing (an --ephemeral directory copy, TPM state) from under it.
	const failure = (await Promise.allSettled(request.prepare.map(async step => step()))).find(result => result.status === 'rejected');
	if (failure) {
		throw preparationError(runtimeDir, failure.reason);
	}
	const notifyPort = await openNotifyPort(request, cleanup);
	return {request, cleanup, interruption, relay, children, helpers, status, notifyPort};
}
