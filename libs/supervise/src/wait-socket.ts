import {statSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

function isSocket(path: string): boolean {
	try {
		return statSync(path).isSocket();
	} catch {
		return false;
	}
}

/**
 * Waits until a helper's socket exists. Polls briefly (helpers create the socket
 * within milliseconds) and gives up as soon as the helper itself has exited.
 */
export async function waitForSocket(path: string, hasExited: () => boolean, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let pause = 2;
	while (!isSocket(path)) {
		if (hasExited()) {
			throw new Error(`exited before creating its socket ${path}`);
		}

		if (Date.now() > deadline) {
			throw new Error(`did not create its socket ${path} within ${timeoutMs / 1000} s`);
		}

		await delay(pause);
		pause = Math.min(pause * 2, 50);
	}
}
