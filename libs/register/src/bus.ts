import type {Message, MessageBus} from 'dbus-next';
import {MachineBusError} from './machine-bus.js';

/** sd-bus's default: a bus or service that never answers must not hang vmspawn-run. */
export const BUS_TIMEOUT_MS = 25_000;

// strerror()'s words for what connecting to a bus socket usually meets, as systemd prints them.
const socketErrors: Readonly<Record<string, string>> = {
	ENOENT: 'No such file or directory',
	ECONNREFUSED: 'Connection refused',
	EACCES: 'Permission denied',
	ENOTDIR: 'Not a directory',
};

/** A D-Bus error reply keeps its name; a socket error says which bus could not be reached. */
export function asBusError(error: unknown, label: string, address: string): MachineBusError {
	if (error instanceof MachineBusError) {
		return error;
	}

	const {code, type, text, message} = error as {code?: string; type?: string; text?: string; message?: string};
	if (type !== undefined) {
		// A D-Bus error reply: its text is the reason the bus or the service gave.
		return new MachineBusError(text || type, {dbusName: type});
	}

	const reason = (code === undefined ? undefined : socketErrors[code]) ?? message ?? String(error);
	return new MachineBusError(`cannot connect to the ${label} at ${address}: ${reason}`, code === undefined ? {} : {code});
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			reject(new MachineBusError(`${what} timed out after ${ms / 1000} s`, {code: 'ETIMEDOUT'}));
		}, ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export type MethodCall = {
	readonly destination: string;
	readonly path: string;
	readonly interface: string;
	readonly member: string;
	readonly signature?: string;
	readonly body?: readonly unknown[];
};

/** One connection to a bus: calls with a time limit, every incoming message, and the way to close. */
export type OpenBus = {
	readonly bus: MessageBus;
	readonly dbus: typeof import('dbus-next');
	/** Our unique name on the bus (":1.42"). */
	readonly uniqueName: string;
	call(method: MethodCall): Promise<Message>;
	close(): void;
};

/**
 * Connects with dbus-next, which is loaded only now: most runs never talk to a bus.
 * The connection and each call have their own limit (tests give a call a short one and the
 * connection, which a loaded machine may take a while to make, a long one).
 */
export async function openBus(address: string, label: string, timeoutMs = BUS_TIMEOUT_MS, callTimeoutMs = timeoutMs): Promise<OpenBus> {
	const dbus = await import('dbus-next');
	let bus: MessageBus;
	try {
		// sessionBus() is dbus-next's "connect to this address", whichever bus that is.
		bus = dbus.sessionBus({busAddress: address});
	} catch (error) {
		throw asBusError(error, label, address);
	}

	// dbus-next reports a lost or refused connection only as an 'error' event; pending calls would wait forever.
	const broken = new Promise<never>((_, reject) => {
		bus.on('error', (error: unknown) => {
			reject(asBusError(error, label, address));
		});
	});
	broken.catch(() => undefined);
	const connected = new Promise<void>(resolve => {
		bus.once('connect', resolve);
	});
	try {
		await withTimeout(Promise.race([connected, broken]), timeoutMs, `connecting to the ${label} at ${address}`);
	} catch (error) {
		bus.disconnect();
		throw error;
	}

	return {
		bus,
		dbus,
		uniqueName: (bus as unknown as {name: string | null}).name ?? '',
		async call(method) {
			const message = new dbus.Message({...method, body: [...(method.body ?? [])]});
			try {
				return (await withTimeout(Promise.race([bus.call(message), broken]), callTimeoutMs, `${method.member} on the ${label}`)) as Message;
			} catch (error) {
				throw asBusError(error, label, address);
			}
		},
		close() {
			bus.disconnect();
		},
	};
}
