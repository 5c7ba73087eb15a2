import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

const listenState = '0A';

/**
 * Whether some socket listens on 127.0.0.1:PORT (or on any address), read from
 * /proc/net/tcp: probing with a connection would hand the helper an empty client.
 */
export function listensOnLoopback(port: number, table = () => readFileSync('/proc/net/tcp', 'utf8')): boolean {
	const wanted = port.toString(16).toUpperCase().padStart(4, '0');
	return table()
		.split('\n')
		.slice(1)
		.some(line => {
			const [, local, , state] = line.trim().split(/\s+/);
			const [address, localPort] = (local ?? '').split(':');
			return state === listenState && localPort === wanted && (address === '0100007F' || address === '00000000');
		});
}

/** Waits until a helper listens on its loopback port; gives up when it exits or after the timeout. */
export async function waitForTcpPort(port: number, hasExited: () => boolean, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let pause = 2;
	while (!listensOnLoopback(port)) {
		if (hasExited()) {
			throw new Error(`exited before listening on 127.0.0.1:${port}`);
		}

		if (Date.now() > deadline) {
			throw new Error(`did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
		}

		await delay(pause);
		pause = Math.min(pause * 2, 50);
	}
}
