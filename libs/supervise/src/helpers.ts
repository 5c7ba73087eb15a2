import type {HelperProcess} from '@vmspawn/plan';
import {type RunningChild, childExit, childStarted, spawnChild} from './spawn-child.js';
import type {StderrRelay} from './stderr-relay.js';
import {waitForSocket} from './wait-socket.js';
import {waitForTcpPort} from './wait-tcp.js';

export type StartedHelper = RunningChild & {readonly spec: HelperProcess};

export class HelperError extends Error {
	override name = 'HelperError';
}

/** Starts one helper and waits for its socket; its stderr goes to ours (through the relay, if any) so its errors are seen. */
async function startHelper(spec: HelperProcess, started: StartedHelper[], relay?: StderrRelay): Promise<void> {
	const child = spawnChild({argv: spec.argv, stdio: ['ignore', 'ignore', relay ? 'pipe' : 'inherit']});
	const relayed = relay && child.stderr ? relay.attach(child.stderr) : undefined;
	const exited = childExit(child);
	started.push({spec, child, exited, ...(relayed ? {silence: relayed.silence} : {})});
	let hasExited = false;
	void exited.then(() => {
		hasExited = true;
	});
	try {
		await childStarted(child);
		if (spec.socket) {
			await waitForSocket(spec.socket, () => hasExited);
		}

		if (spec.tcpPort !== undefined) {
			await waitForTcpPort(spec.tcpPort, () => hasExited);
		}
	} catch (error) {
		throw new HelperError(`${spec.name} (${spec.argv[0]}) ${(error as Error).message}`);
	}
}

/**
 * Starts all helpers at once and waits until each is listening. Every helper that
 * was started is in `started`, even when this rejects, so the caller can stop it.
 */
export async function startHelpers(specs: readonly HelperProcess[], started: StartedHelper[], relay?: StderrRelay): Promise<void> {
	const results = await Promise.allSettled(specs.map(spec => startHelper(spec, started, relay)));
	const failure = results.find(result => result.status === 'rejected');
	if (failure) {
		throw failure.reason;
	}
}

/**
 * SIGTERM, then SIGKILL for any child still there after the grace period. What a
 * child says from here on (virtiofsd: "vhost socket accept: Interrupted system call")
 * is about being stopped, not news to the user: its stderr is silenced first.
 */
export async function stopChildren(children: readonly RunningChild[], graceMs = 3000): Promise<void> {
	await Promise.all(
		children.map(async ({child, exited, silence}) => {
			if (child.exitCode !== null || child.signalCode !== null) {
				return;
			}

			silence?.();
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}),
	);
}
