import {closeSync} from 'node:fs';
import type {Writable} from 'node:stream';
import type {ChildProcess} from 'node:child_process';
import type {Logger} from '@vmspawn/cli';
import type {HelperProcess} from '@vmspawn/plan';
import {type StreamListener, notifyServiceManager, runtimeBase} from '@vmspawn/host';
import {type QmpEventWatch, qmpEventSocketFor, qmpExecute, watchQmpEvents} from '@vmspawn/qemu';
import {describeExit, signalNumber} from './child-status.js';
import {readGuestNotification} from './guest-notify.js';
import {GuestNotifyListener} from './notify-listener.js';
import {launcherExitCodes} from './exit-codes.js';
import {HelperError, type StartedHelper, startHelpers, stopChildren} from './helpers.js';
import {createRuntimeDir, removeRuntimeDir, removeStaleRuntimeDirs} from './runtime-dir.js';
import {unrunnableHelper} from './check-programs.js';
import {preparationError} from './preparation-error.js';
import {childExit, childStarted, spawnChild} from './spawn-child.js';
import {within} from './within.js';
import {StderrRelay} from './stderr-relay.js';
import {type StatusRecorder, type VmDescription, recordStatus} from './status-recorder.js';

export type RunVmRequest = {
	readonly runtimeDir: string;
	readonly qemuArgv: readonly string[];
	readonly helpers: readonly HelperProcess[];
	/** Work that needs the runtime directory before qemu starts (merge initrds, copy NVRAM, ...). */
	readonly prepare: ReadonlyArray<() => Promise<void>>;
	/** qemu's QMP socket: the first SIGINT/SIGTERM asks the guest to power off through it. */
	readonly qmpSocket?: string;
	/** Where qemu writes the guest's notification port; its EXIT_STATUS= becomes our exit status. */
	readonly notifyFile?: string;
	/**
	 * The host's end of the guest's notify socket (vsock), already listening; closed here.
	 * The guest's READY=1 and STATUS= go on to our own service manager, its EXIT_STATUS= becomes ours.
	 */
	readonly notifyListener?: StreamListener;
	/** The environment naming our own service manager's $NOTIFY_SOCKET, if any, and the runtime base the stale-run sweep looks in. */
	readonly env?: NodeJS.ProcessEnv;
	/** How long a guest may take to power off when asked before qemu is killed. */
	readonly powerdownTimeoutMs?: number;
	/** Open fds qemu inherits as its fds 3, 4, ... (e.g. the vhost-vsock fd holding the CID); closed here once qemu has them. */
	readonly passFds?: readonly number[];
	/**
	 * What qemu's console reads: the terminal itself, nothing, or a pipe that `attach`
	 * feeds (the interactive console), which may end the VM by calling `escape`.
	 */
	readonly consoleInput: 'inherit' | 'ignore' | ConsoleAttach;
	/** What the status file (status.json in the runtime directory) says about the VM; absent: no status file. */
	readonly status?: VmDescription;
	/** Called with qemu's pid once it runs (machined registration); a rejection stops the VM and is thrown after the clean-up. */
	readonly onStarted?: (qemuPid: number) => Promise<void>;
	readonly log: Logger;
};

export type ConsoleAttach = (guestInput: Writable, escape: () => void) => {stop(): void};

export type RunVmResult = {readonly exitCode: number; readonly message?: string};

const terminatingSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const helperGraceMs = 1500;

function closeQuietly(fd: number): void {
	try {
		closeSync(fd);
	} catch {
		// Already closed.
	}
}

async function powerdown(qmpSocket: string | undefined): Promise<void> {
	if (qmpSocket === undefined) {
		throw new Error('no QMP socket');
	}

	await qmpExecute(qmpSocket, 'system_powerdown');
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

	const helpers: StartedHelper[] = [];
	let qemu: {child: ChildProcess; exited: ReturnType<typeof childExit>} | undefined;
	let interruptedBy: NodeJS.Signals | undefined;
	let abort: ((signal: NodeJS.Signals) => void) | undefined;
	const aborted = new Promise<NodeJS.Signals>(resolve => {
		abort = resolve;
	});

	let status: StatusRecorder | undefined;
	let killedAfterSignal = false;
	const kill = () => {
		killedAfterSignal = true;
		qemu?.child.kill('SIGKILL');
	};

	const onSignal = (signal: NodeJS.Signals) => {
		if (interruptedBy !== undefined) {
			kill();
			return;
		}

		interruptedBy = signal;
		abort?.(signal);
		status?.stopping();
		if (!qemu) {
			return;
		}

		request.log.info(`Received ${signal}: asking the guest to power off. Send ${signal} again to kill qemu at once.`);
		const timer = setTimeout(() => {
			request.log.info('The guest did not power off in time; killing qemu.');
			kill();
		}, request.powerdownTimeoutMs ?? 30_000);
		void qemu.exited.then(() => clearTimeout(timer));
		powerdown(request.qmpSocket).catch((error: unknown) => {
			request.log.warn(`cannot ask the guest to power off (${(error as Error).message}); killing qemu`);
			kill();
		});
	};

	for (const signal of terminatingSignals) {
		process.on(signal, onSignal);
	}

	// A closed terminal (SIGHUP, EIO) or a closed pipe (EPIPE) must not stop the clean-up below.
	const ignoreWriteError = () => undefined;
	process.stdout.on('error', ignoreWriteError);
	process.stderr.on('error', ignoreWriteError);
	let createdRuntimeDir = false;
	let consoleForwarder: {stop(): void} | undefined;
	let events: QmpEventWatch | undefined;
	let panicked = false;
	let escaped = false;
	let guestNotify: GuestNotifyListener | undefined;
	const stderrRelay = new StderrRelay();
	const tellManager = (state: string) => {
		void notifyServiceManager(state, request.env).then(warning => {
			if (warning) {
				request.log.warn(warning);
			}
		});
	};

	try {
		// The real base only: a plan's runtime.dir must not choose whose directories are removed.
		removeStaleRuntimeDirs(runtimeBase(request.env));
		await createRuntimeDir(request.runtimeDir).catch((error: unknown) => {
			throw preparationError(request.runtimeDir, error);
		});
		createdRuntimeDir = true;
		status = request.status && recordStatus(request.runtimeDir, request.status, {qmpSocket: request.qmpSocket, helpers: request.helpers, log: request.log});
		await Promise.all(request.prepare.map(async step => step())).catch((error: unknown) => {
			throw preparationError(request.runtimeDir, error);
		});
		await Promise.race([startHelpers(request.helpers, helpers, stderrRelay), aborted]);
		if (interruptedBy) {
			return {exitCode: launcherExitCodes.signalBase + signalNumber(interruptedBy)};
		}

		const attach = typeof request.consoleInput === 'function' ? request.consoleInput : undefined;
		const child = spawnChild({argv: request.qemuArgv, stdio: [attach ? 'pipe' : request.consoleInput as 'inherit' | 'ignore', 'inherit', 'pipe', ...(request.passFds ?? [])]});
		qemu = {child, exited: childExit(child)};
		if (child.stderr) {
			stderrRelay.attach(child.stderr);
		}

		try {
			await childStarted(child);
		} catch (error) {
			return {exitCode: launcherExitCodes.qemuFailed, message: `cannot start ${request.qemuArgv[0]}: ${(error as Error).message}`};
		}

		if (request.qmpSocket) {
			events = watchQmpEvents(qmpEventSocketFor(request.qmpSocket), event => {
				panicked ||= event.event === 'GUEST_PANICKED';
			}, () => child.exitCode !== null || child.signalCode !== null);
		}

		status?.running(child.pid, helpers);
		if (request.notifyListener) {
			guestNotify = new GuestNotifyListener(request.notifyListener, {
				ready: () => tellManager('READY=1'),
				status: text => tellManager(`STATUS=VM running: ${text}`),
				warn: message => request.log.warn(message),
			});
			guestNotify.start();
		} else {
			// No channel tells when the guest is up (no vsock): a running qemu is the best we know.
			tellManager('READY=1\nSTATUS=VM running');
		}

		await request.onStarted?.(child.pid!).catch((error: unknown) => {
			// The guest has barely started, so there is nothing to stop gently; SIGTERM would
			// also make qemu print a line of its own next to the one error the user should see.
			child.kill('SIGKILL');
			throw error;
		});

		if (attach && child.stdin) {
			consoleForwarder = attach(child.stdin, () => {
				escaped = true;
				child.kill('SIGKILL');
			});
		}

		const qemuExited = qemu.exited.then(status => ({kind: 'qemu' as const, ...status}));
		const helperDied = Promise.race(helpers.map(async helper => ({kind: 'helper' as const, helper, ...(await helper.exited)})));
		const first = await Promise.race([qemuExited, helperDied]);
		let outcome: typeof first = first;
		if (first.kind === 'helper' && first.signal === null && first.code === 0) {
			// Helpers such as virtiofsd exit cleanly as soon as qemu drops their connection, so a
			// helper that ends that way just before qemu did not fail: qemu's exit is the outcome.
			// A helper that failed (swtpm killed, say) is the outcome whatever qemu does next.
			// within(): a plain delay would hold the process up for the whole grace after qemu exited.
			outcome = await within(qemuExited, helperGraceMs) ?? first;
		}

		if (outcome.kind === 'helper') {
			const message = `${describeExit(outcome.helper.spec.name, outcome.code, outcome.signal)} while the guest was running; stopping the VM`;
			return {exitCode: launcherExitCodes.helperFailed, message};
		}

		if (escaped) {
			return {exitCode: 0};
		}

		// qemu sends GUEST_PANICKED just before it stops the VM: let the monitor deliver it.
		await within(events?.closed, 1000);
		if (panicked) {
			return {exitCode: launcherExitCodes.guestPanicked, message: 'the guest\'s kernel panicked'};
		}

		if (interruptedBy && (killedAfterSignal || outcome.code !== 0)) {
			return {exitCode: launcherExitCodes.signalBase + signalNumber(interruptedBy)};
		}

		if (outcome.signal) {
			return {exitCode: launcherExitCodes.signalBase + signalNumber(outcome.signal), message: describeExit('qemu', outcome.code, outcome.signal)};
		}

		if (outcome.code !== 0) {
			return {exitCode: launcherExitCodes.qemuFailed, message: describeExit('qemu', outcome.code, outcome.signal)};
		}

		// The notify socket (systemd's own way) wins over the virtio-serial port when the guest used both.
		const fromPort = request.notifyFile ? await readGuestNotification(request.notifyFile) : undefined;
		guestNotify?.close();
		const exitStatus = guestNotify?.notification.exitStatus ?? fromPort?.exitStatus;
		if (exitStatus !== undefined && exitStatus !== 0) {
			return {exitCode: exitStatus, message: `the guest reported exit status ${exitStatus}`};
		}

		return {exitCode: 0};
	} catch (error) {
		if (error instanceof HelperError) {
			return {exitCode: launcherExitCodes.helperFailed, message: `helper ${error.message}`};
		}

		throw error;
	} finally {
		status?.stopping();
		(guestNotify ?? request.notifyListener)?.close();
		consoleForwarder?.stop();
		events?.stop();
		for (const fd of request.passFds ?? []) {
			closeQuietly(fd);
		}

		await stopChildren([...(qemu ? [qemu] : []), ...helpers]);
		// Their last words come before ours (the caller prints the outcome next).
		await within(stderrRelay.drained(), 1000);
		if (createdRuntimeDir) {
			await removeRuntimeDir(request.runtimeDir);
		}

		for (const signal of terminatingSignals) {
			process.off(signal, onSignal);
		}

		process.stdout.off('error', ignoreWriteError);
		process.stderr.off('error', ignoreWriteError);
	}
}
