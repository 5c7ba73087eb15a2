import {rm} from 'node:fs/promises';
import {notifyServiceManager} from '@vmspawn/host';
import {type QmpEventWatch, qmpEventSocketFor, watchQmpEvents} from '@vmspawn/qemu';
import {GuestNotifyListener} from './notify-listener.js';
import type {RunContext} from './run-context.js';
import type {RunningChild} from './spawn-child.js';

/** What is heard from a running guest, for the outcome. */
export type GuestObservation = {
	/** The user left the console with its escape key, which kills qemu. */
	escaped: boolean;
	/** qemu reported GUEST_PANICKED. */
	panicked: boolean;
	/** Closes when qemu's events monitor does; undefined without QMP. */
	events: QmpEventWatch | undefined;
	guestNotify: GuestNotifyListener | undefined;
	/**
	 * Resolves once qemu is going down: it reported SHUTDOWN (the guest powered off, or qemu was
	 * asked to quit) or closed its events monitor. Helpers may end cleanly from then on. Undefined without QMP.
	 */
	stopping: Promise<void> | undefined;
};

const hasEnded = ({child}: RunningChild) => child.exitCode !== null || child.signalCode !== null;

function tellServiceManager(run: RunContext, state: string): void {
	void notifyServiceManager(state, run.request.env).then(warning => {
		if (warning) {
			run.request.log.warn(warning);
		}
	});
}

function watchPanic(run: RunContext, qemu: RunningChild, observed: GuestObservation): void {
	const {qmpSocket} = run.request;
	if (qmpSocket) {
		let shutdownReported: () => void = () => undefined;
		const shutdown = new Promise<void>(resolve => {
			shutdownReported = resolve;
		});
		const events = watchQmpEvents(
			qmpEventSocketFor(qmpSocket),
			event => {
				observed.panicked ||= event.event === 'GUEST_PANICKED';
				if (event.event === 'SHUTDOWN') {
					shutdownReported();
				}
			},
			() => hasEnded(qemu),
		);
		run.cleanup.defer(() => events.stop());
		observed.events = events;
		observed.stopping = Promise.race([shutdown, events.closed]);
	}
}

/** Secrets (the credential files) stay on disk only until qemu has read them, not for the whole run. */
function dropStartOnlyFiles(run: RunContext, observed: GuestObservation): void {
	const files = run.request.startOnlyFiles ?? [];
	if (files.length === 0 || !observed.events) {
		return;
	}

	void observed.events.answered
		.then(async answered => {
			if (answered) {
				await Promise.all(files.map(async file => rm(file, {recursive: true, force: true})));
			}
		})
		.catch((error: unknown) => {
			run.request.log.warn(`cannot remove ${files.join(', ')} once qemu has read them: ${(error as Error).message}; they go with the runtime directory`);
		});
}

/** The guest's READY=1 and STATUS= go on to our own service manager. */
function relayGuestNotifications(run: RunContext, observed: GuestObservation): void {
	const {notifyListener, log} = run.request;
	const waitForGuest = run.request.notifyReady ?? true;
	if (!notifyListener || !waitForGuest) {
		// Asked not to wait, or no channel tells when the guest is up (no vsock): a running qemu is the best we know.
		tellServiceManager(run, 'READY=1\nSTATUS=VM running');
	}

	if (!notifyListener) {
		return;
	}

	const guestNotify = new GuestNotifyListener(notifyListener, {
		ready() {
			if (waitForGuest) {
				tellServiceManager(run, 'READY=1');
			}
		},
		status: text => tellServiceManager(run, `STATUS=VM running: ${text}`),
		warn: message => log.warn(message),
	});
	guestNotify.start();
	run.cleanup.defer(() => guestNotify.close());
	observed.guestNotify = guestNotify;
}

function attachConsole(run: RunContext, qemu: RunningChild, observed: GuestObservation): void {
	const attach = run.request.consoleInput;
	if (typeof attach === 'function' && qemu.child.stdin) {
		const forwarder = attach(qemu.child.stdin, () => {
			observed.escaped = true;
			qemu.child.kill('SIGKILL');
		});
		run.cleanup.defer(() => forwarder.stop());
	}
}

/**
 * qemu runs: listen for a panic, record the pids, call onStarted (scope, registration), then
 * pass the guest's notifications on and attach the console. A failing onStarted is thrown.
 */
export async function observeGuest(run: RunContext, qemu: RunningChild): Promise<GuestObservation> {
	const observed: GuestObservation = {escaped: false, panicked: false, events: undefined, guestNotify: undefined, stopping: undefined};
	watchPanic(run, qemu, observed);
	dropStartOnlyFiles(run, observed);
	run.status?.running(qemu.child.pid, run.helpers);
	await run.request
		.onStarted?.(
			qemu.child.pid!,
			run.helpers.flatMap(helper => (helper.child.pid === undefined ? [] : [helper.child.pid])),
		)
		.catch((error: unknown) => {
			// The guest has barely started, so there is nothing to stop gently; SIGTERM would
			// also make qemu print a line of its own next to the one error the user should see.
			qemu.child.kill('SIGKILL');
			throw error;
		});
	// After onStarted: a service manager told READY=1 finds the VM in its scope and registered.
	relayGuestNotifications(run, observed);
	attachConsole(run, qemu, observed);
	return observed;
}
