import type {RunEnd, RunFacts} from './decide-outcome.js';
import type {StartedHelper} from './helpers.js';
import type {RunContext} from './run-context.js';
import type {GuestObservation} from './run-observe.js';
import type {RunningChild} from './spawn-child.js';
import {within} from './within.js';

/** How long qemu may take to exit after a helper ended cleanly, when nothing says qemu is going down. */
export const helperGraceMs = 1500;

/** Waits for `promise` as long as the grace lasts; undefined once it is over. Tests end it by hand. */
export type Grace = <T>(promise: Promise<T>) => Promise<T | undefined>;

// within(): a plain delay would hold the process up for the whole grace after qemu exited.
const timedGrace: Grace = async promise => within(promise, helperGraceMs);

/**
 * Waits until qemu exits or a helper dies while the guest runs. `qemuStopping` resolves once
 * qemu is going down (its SHUTDOWN event, or its events monitor closed).
 */
export async function watchUntilEnd(
	qemu: RunningChild,
	helpers: readonly StartedHelper[],
	qemuStopping?: Promise<void>,
	grace: Grace = timedGrace,
): Promise<RunEnd> {
	const qemuExited = qemu.exited.then(end => ({by: 'qemu', ...end}) as const);
	const helperDied = Promise.race(helpers.map(async helper => ({by: 'helper', helper: helper.spec.name, ...(await helper.exited)}) as const));
	const first = await Promise.race([qemuExited, helperDied]);
	if (first.by === 'helper' && first.signal === null && first.code === 0) {
		// Helpers such as virtiofsd exit cleanly as soon as qemu drops their connection, which qemu
		// does while it tears down, before it unmaps the guest's memory and exits: that can take
		// seconds on a loaded host. Once qemu said it is going down, its exit is the outcome, however
		// late. Without that word, a qemu that does not follow within the grace leaves the helper's
		// exit as the outcome. A helper that failed (swtpm killed, say) is the outcome whatever qemu does next.
		const stopping = qemuStopping?.then(() => 'stopping' as const);
		const next = await grace(Promise.race([qemuExited, ...(stopping ? [stopping] : [])]));
		return next === 'stopping' ? qemuExited : (next ?? first);
	}

	return first;
}

/** The guest's last EXIT_STATUS=: the notify socket (systemd's own way) wins over the virtio-serial port. */
async function guestExitStatus(run: RunContext, observed: GuestObservation): Promise<number | undefined> {
	// qemu has exited, so its connection to the port ends: what it carried is read by then.
	await within(run.notifyPort?.ended, 1000);
	observed.guestNotify?.close();
	return observed.guestNotify?.notification.exitStatus ?? run.notifyPort?.reader.notification.exitStatus;
}

/** Everything the outcome is decided from, once the watch has ended. */
export async function gatherFacts(run: RunContext, end: RunEnd, observed: GuestObservation): Promise<RunFacts> {
	if (end.by === 'qemu' && !observed.escaped) {
		// qemu sends GUEST_PANICKED just before it stops the VM: let the monitor deliver it.
		await within(observed.events?.closed, 1000);
	}

	return {
		end,
		interruptedBy: run.interruption.signal,
		killedAfterSignal: run.interruption.killedQemu,
		escaped: observed.escaped,
		panicked: observed.panicked,
		guestExitStatus: end.by === 'qemu' ? await guestExitStatus(run, observed) : undefined,
	};
}
