import {type Socket, createConnection} from 'node:net';
import {createInterface} from 'node:readline';
import {escapeValue} from './escape.js';

/** qemu's machine protocol on a private socket, for asking the guest to power off. */
export function qmpArgs(socketPath: string): string[] {
	return ['-chardev', `socket,id=vmspawn-qmp,path=${escapeValue(socketPath)},server=on,wait=off`, '-mon', 'chardev=vmspawn-qmp,mode=control'];
}

export type QmpMessage = {QMP?: unknown; return?: unknown; error?: {class: string; desc: string}; event?: string; data?: Record<string, unknown>};

/** Passes each line qemu sends on the monitor on as one JSON message; a line that is not JSON is skipped. */
export function readMessages(socket: Socket, onMessage: (message: QmpMessage) => void): void {
	const lines = createInterface({input: socket, crlfDelay: Number.POSITIVE_INFINITY});
	// readline re-emits the socket's errors; the socket's owner handles them.
	lines.on('error', () => undefined);
	lines.on('line', line => {
		let message: QmpMessage;
		try {
			message = JSON.parse(line) as QmpMessage;
		} catch {
			// Not JSON (or an empty line): nothing to act on.
			return;
		}

		onMessage(message);
	});
}

/**
 * Connects, negotiates capabilities, runs one command and returns its result.
 * Events that arrive in between are skipped.
 */
export async function qmpExecute(socketPath: string, command: string, timeoutMs = 5000): Promise<unknown> {
	const socket = createConnection(socketPath);
	try {
		return await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no answer from qemu to ${command} within ${timeoutMs} ms`)), timeoutMs);
			const pending = [{execute: 'qmp_capabilities'}, {execute: command}];
			socket.once('error', error => {
				clearTimeout(timer);
				reject(error);
			});
			readMessages(socket, message => {
				if (message.event !== undefined) {
					return;
				}

				if (message.error) {
					clearTimeout(timer);
					reject(new Error(`qemu refused ${command}: ${message.error.desc}`));
					return;
				}

				if (message.QMP === undefined && pending.length === 0) {
					clearTimeout(timer);
					resolve(message.return);
					return;
				}

				socket.write(`${JSON.stringify(pending.shift())}\n`);
			});
		});
	} finally {
		socket.destroy();
	}
}
