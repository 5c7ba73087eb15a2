import {createConnection} from 'node:net';
import {dirname, join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {escapeValue} from './escape.js';
import {readMessages} from './qmp.js';

/**
 * The socket of a second, private QMP monitor that vmspawn-run keeps open for
 * events (GUEST_PANICKED). It sits next to the QMP socket so that one stays free
 * for the user: qemu serves one client per monitor at a time.
 */
export function qmpEventSocketFor(qmpSocket: string): string {
	return join(dirname(qmpSocket), 'qmp-events.sock');
}

export function qmpEventArgs(socketPath: string): string[] {
	return ['-chardev', `socket,id=vmspawn-events,path=${escapeValue(socketPath)},server=on,wait=off`, '-mon', 'chardev=vmspawn-events,mode=control'];
}

export type QmpEvent = {readonly event: string; readonly data?: Record<string, unknown>};

export type QmpEventWatch = {
	/** Resolves once the connection has ended (qemu exited, or stop() was called), every event delivered before. */
	readonly closed: Promise<void>;
	/**
	 * True once qemu has answered the first command on the monitor. Commands are run by its
	 * main loop (the greeting may come from the monitor's own thread earlier), so qemu has
	 * finished starting and read every file its arguments name. False when the watch ended first.
	 */
	readonly answered: Promise<boolean>;
	stop(): void;
};

/**
 * Connects to a QMP monitor as soon as its socket accepts, negotiates capabilities
 * and passes every event on. Gives up quietly when `gaveUp()` says so (qemu ended)
 * before the socket ever accepted: events are a bonus, never a reason to fail a run.
 */
export function watchQmpEvents(socketPath: string, onEvent: (event: QmpEvent) => void, gaveUp: () => boolean): QmpEventWatch {
	let stopped = false;
	let answer: (answered: boolean) => void = () => undefined;
	const answered = new Promise<boolean>(resolve => {
		answer = resolve;
	});
	let current: ReturnType<typeof createConnection> | undefined;
	const connectOnce = async () =>
		new Promise<'ended' | 'retry'>(resolve => {
			const socket = createConnection(socketPath);
			current = socket;
			let connected = false;
			socket.once('connect', () => {
				connected = true;
				socket.write('{"execute": "qmp_capabilities"}\n');
			});
			readMessages(socket, message => {
				if ('return' in message) {
					answer(true);
				}

				if (typeof message.event === 'string') {
					onEvent({event: message.event, ...(message.data ? {data: message.data} : {})});
				}
			});
			socket.on('error', () => undefined);
			socket.once('close', () => {
				resolve(connected ? 'ended' : 'retry');
			});
		});
	const closed = (async () => {
		let pause = 5;
		while (!stopped && (await connectOnce()) === 'retry' && !stopped && !gaveUp()) {
			await delay(pause);
			pause = Math.min(pause * 2, 100);
		}

		answer(false);
	})();
	return {
		closed,
		answered,
		stop() {
			stopped = true;
			current?.destroy();
		},
	};
}
