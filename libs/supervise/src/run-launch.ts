import {HelperError, startHelpers} from './helpers.js';
import type {RunEnd} from './decide-outcome.js';
import type {RunContext} from './run-context.js';
import {type RunningChild, childExit, childStarted, spawnChild} from './spawn-child.js';

/** Starts every helper and waits until each listens. Returns how the run ended if it did: a helper failed, or a signal came first. */
export async function startHelperPhase(run: RunContext): Promise<RunEnd | undefined> {
	const started = startHelpers(run.request.helpers, run.helpers, run.relay).then(
		() => undefined,
		(error: unknown) => {
			if (error instanceof HelperError) {
				return {by: 'helper-start', failure: error.message} as const;
			}

			throw error;
		},
	);
	const interrupted = run.interruption.received.then(signal => ({by: 'signal-before-launch', signal}) as const);
	const end = await Promise.race([started, interrupted]);
	// A signal during the preparation resolves `received` no sooner than the helpers' start may: it still stops the run here.
	const {signal} = run.interruption;
	return end ?? (signal ? {by: 'signal-before-launch', signal} : undefined);
}

/**
 * Spawns qemu with the console's input, our stdout, its stderr through the relay and
 * the passed fds; a signal from now on powers it off. Returns how the run ended if qemu could not start.
 */
export async function launchQemu(run: RunContext): Promise<{qemu: RunningChild} | {end: RunEnd}> {
	const {request} = run;
	const consoleInput = typeof request.consoleInput === 'function' ? 'pipe' : request.consoleInput;
	const child = spawnChild({argv: request.qemuArgv, stdio: [consoleInput, 'inherit', 'pipe', ...(request.passFds ?? [])]});
	const qemu = {child, exited: childExit(child)};
	run.children.push(qemu);
	run.interruption.guard(qemu);
	if (child.stderr) {
		run.relay.attach(child.stderr);
	}

	try {
		await childStarted(child);
	} catch (error) {
		return {end: {by: 'qemu-start', program: request.qemuArgv[0] ?? '', reason: (error as Error).message}};
	}

	return {qemu};
}
