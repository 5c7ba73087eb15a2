import type {RegisterMachineArgs} from './machine-args.js';

/** The calls vmspawn-run makes on org.freedesktop.machine1.Manager; the seam tests replace. */
export type MachineBus = {
	registerMachine(args: RegisterMachineArgs): Promise<void>;
	unregisterMachine(name: string): Promise<void>;
	close(): void;
};

export type ConnectMachineBus = (env: NodeJS.ProcessEnv) => Promise<MachineBus>;

/** A failed connection or call: the system's errno code (ENOENT) or the D-Bus error name. */
export class MachineBusError extends Error {
	override name = 'MachineBusError';
	readonly code: string | undefined;
	readonly dbusName: string | undefined;

	constructor(message: string, details: {code?: string; dbusName?: string} = {}) {
		super(message);
		this.code = details.code;
		this.dbusName = details.dbusName;
	}
}

// Errors that mean nobody is there to register with, as opposed to a machined that refused.
const absentCodes = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTDIR']);
const absentNames = new Set([
	'org.freedesktop.DBus.Error.ServiceUnknown',
	'org.freedesktop.DBus.Error.NameHasNoOwner',
	'org.freedesktop.systemd1.NoSuchUnit',
	'org.freedesktop.systemd1.UnitMasked',
]);

/** No system bus, or org.freedesktop.machine1 is not activatable on it. */
export function isMachinedAbsent(error: unknown): boolean {
	if (!(error instanceof MachineBusError)) {
		return false;
	}

	if (error.code !== undefined && absentCodes.has(error.code)) {
		return true;
	}

	// Spawn.*: the bus knows the name but could not start machined (e.g. no service manager).
	return error.dbusName !== undefined && (absentNames.has(error.dbusName) || error.dbusName.startsWith('org.freedesktop.DBus.Error.Spawn.'));
}
