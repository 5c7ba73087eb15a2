import type {StreamListener} from '@vmspawn/host';
import {type GuestNotification, applyNotifyLines, parseNotifyLines} from './guest-notify.js';

/** Upstream's limit on one notification; a longer one is dropped with a warning. */
export const NOTIFY_MESSAGE_MAX = 4096;

/**
 * Connections read at once. Each may hold up to NOTIFY_MESSAGE_MAX bytes until it ends, and
 * systemd sends one message per connection: a guest opening thousands and never finishing
 * them must not grow the launcher without bound. One more is closed unread.
 */
export const NOTIFY_CONNECTIONS_MAX = 16;

export type NotifyHandlers = {
	/** The guest sent READY=1 for the first time. */
	ready(): void;
	status(text: string): void;
	warn(message: string): void;
};

type Connection = {chunks: Buffer[]; size: number};

/**
 * The host's end of the guest's notify socket (`vmm.notify_socket=vsock-stream:2:PORT`):
 * every connection is read to its end, at most 4096 bytes, and its lines applied, as
 * upstream does. The listening socket is polled (every `intervalMs`) since the event
 * loop cannot watch an AF_VSOCK fd; a guest sends a handful of messages in its life.
 */
export class GuestNotifyListener {
	#state: GuestNotification = {ready: false};
	readonly #connections = new Map<number, Connection>();
	readonly #buffer = Buffer.alloc(NOTIFY_MESSAGE_MAX + 1);
	#timer: NodeJS.Timeout | undefined;
	#closed = false;
	#warnedFull = false;

	constructor(
		private readonly listener: StreamListener,
		private readonly handlers: NotifyHandlers,
		private readonly intervalMs = 100,
	) {}

	/** What the guest has said so far. */
	get notification(): GuestNotification {
		return this.#state;
	}

	start(): void {
		this.#timer ??= setInterval(() => {
			this.poll();
		}, this.intervalMs);
		// The VM's life is what keeps vmspawn-run running, not this poll.
		this.#timer.unref();
	}

	/** Accepts what is waiting and reads what has arrived; finished messages are applied. */
	poll(): void {
		if (this.#closed) {
			return;
		}

		try {
			for (let fd = this.listener.accept(); fd !== undefined; fd = this.listener.accept()) {
				this.#admit(fd);
			}

			for (const [fd, connection] of this.#connections) {
				this.#readFrom(fd, connection);
			}
		} catch (error) {
			this.handlers.warn(`the guest's notify socket failed (${(error as Error).message}); no more notifications from the guest will be seen`);
			this.close();
		}
	}

	/** Reads the last messages that arrived, then closes the socket and every connection. */
	close(): void {
		if (!this.#closed) {
			this.poll();
		}

		this.#closed = true;
		clearInterval(this.#timer);
		for (const fd of this.#connections.keys()) {
			this.listener.closeConnection(fd);
		}

		this.#connections.clear();
		this.listener.close();
	}

	#admit(fd: number): void {
		if (this.#connections.size < NOTIFY_CONNECTIONS_MAX) {
			this.#connections.set(fd, {chunks: [], size: 0});
			return;
		}

		this.listener.closeConnection(fd);
		if (!this.#warnedFull) {
			this.#warnedFull = true;
			this.handlers.warn(`the guest holds ${NOTIFY_CONNECTIONS_MAX} notify connections open; further ones are closed unread`);
		}
	}

	#readFrom(fd: number, connection: Connection): void {
		for (;;) {
			const count = this.listener.read(fd, this.#buffer);
			if (count === undefined) {
				return;
			}

			if (count === 0) {
				this.#finish(fd, Buffer.concat(connection.chunks).toString());
				return;
			}

			connection.chunks.push(Buffer.from(this.#buffer.subarray(0, count)));
			connection.size += count;
			if (connection.size > NOTIFY_MESSAGE_MAX) {
				this.handlers.warn(`a notification from the guest exceeded ${NOTIFY_MESSAGE_MAX} bytes; ignored`);
				this.#drop(fd);
				return;
			}
		}
	}

	#drop(fd: number): void {
		this.#connections.delete(fd);
		this.listener.closeConnection(fd);
	}

	#finish(fd: number, text: string): void {
		this.#drop(fd);
		const lines = parseNotifyLines(text);
		const wasReady = this.#state.ready;
		this.#state = applyNotifyLines(this.#state, lines);
		for (const line of lines) {
			if (line.kind === 'status') {
				this.handlers.status(line.text);
			} else if (line.kind === 'invalid-exit-status') {
				this.handlers.warn(`the guest sent EXIT_STATUS=${line.text}, which is not an exit status (0..255); ignored`);
			}
		}

		if (this.#state.ready && !wasReady) {
			this.handlers.ready();
		}
	}
}
