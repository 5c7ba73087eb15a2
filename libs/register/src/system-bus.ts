import type {MessageBus} from 'dbus-next';
import {REGISTER_MACHINE_SIGNATURE, type RegisterMachineArgs} from './machine-args.js';
import {type MachineBus, MachineBusError} from './machine-bus.js';

const destination = 'org.freedesktop.machine1';
const objectPath = '/org/freedesktop/machine1';
const managerInterface = 'org.freedesktop.machine1.Manager';

/** sd-bus's default: a bus or machined that never answers must not hang vmspawn-run. */
export const BUS_TIMEOUT_MS = 25_000;

/** $DBUS_SYSTEM_BUS_ADDRESS, else the standard socket (sd-bus reads the same variable). */
export function systemBusAddress(env: NodeJS.ProcessEnv): string {
	const address = env['DBUS_SYSTEM_BUS_ADDRESS'];
	return address === undefined || address === '' ? 'unix:path=/run/dbus/system_bus_socket' : address;
}

// strerror()'s words for what connecting to a bus socket usually meets, as systemd prints them.
const socketErrors: Readonly<Record<string, string>> = {
	ENOENT: 'No such file or directory',
	ECONNREFUSED: 'Connection refused',
	EACCES: 'Permission denied',
	ENOTDIR: 'Not a directory',
};

function asBusError(error: unknown, address: string): MachineBusError {
	if (error instanceof MachineBusError) {
		return error;
	}

	const {code, type, text, message} = error as {code?: string; type?: string; text?: string; message?: string};
	if (type !== undefined) {
		// A D-Bus error reply: its text is the reason machined or the bus gave.
		return new MachineBusError(text || type, {dbusName: type});
	}

	const reason = (code === undefined ? undefined : socketErrors[code]) ?? message ?? String(error);
	return new MachineBusError(`cannot connect to the system bus at ${address}: ${reason}`, code === undefined ? {} : {code});
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
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

/**
 * Connects to the system bus with dbus-next, which is loaded only now: most runs never register.
 * The connection and each call have their own limit (tests give a call a short one and the
 * connection, which a loaded machine may take a while to make, a long one).
 */
export async function connectSystemBus(env: NodeJS.ProcessEnv, timeoutMs = BUS_TIMEOUT_MS, callTimeoutMs = timeoutMs): Promise<MachineBus> {
	const address = systemBusAddress(env);
	const dbus = await import('dbus-next');
	let bus: MessageBus;
	try {
		// sessionBus() is dbus-next's "connect to this address"; the address is the system bus's.
		bus = dbus.sessionBus({busAddress: address});
	} catch (error) {
		throw asBusError(error, address);
	}

	// dbus-next reports a lost or refused connection only as an 'error' event; pending calls would wait forever.
	const broken = new Promise<never>((_, reject) => {
		bus.on('error', (error: unknown) => {
			reject(asBusError(error, address));
		});
	});
	broken.catch(() => undefined);
	const connected = new Promise<void>(resolve => {
		bus.once('connect', resolve);
	});
	try {
		await withTimeout(Promise.race([connected, broken]), timeoutMs, `connecting to the system bus at ${address}`);
	} catch (error) {
		bus.disconnect();
		throw error;
	}

	const call = async (member: string, signature: string, body: readonly unknown[]): Promise<void> => {
		const message = new dbus.Message({destination, path: objectPath, interface: managerInterface, member, signature, body: [...body]});
		try {
			await withTimeout(Promise.race([bus.call(message), broken]), callTimeoutMs, `${member} on the system bus`);
		} catch (error) {
			throw asBusError(error, address);
		}
	};

	return {
		async registerMachine(args: RegisterMachineArgs) {
			await call('RegisterMachine', REGISTER_MACHINE_SIGNATURE, args);
		},
		async unregisterMachine(name: string) {
			await call('UnregisterMachine', 's', [name]);
		},
		close() {
			bus.disconnect();
		},
	};
}
