import {CliError, type Logger, errno, errnoExitCode} from '@vmspawn/cli';
import {type MachineIdentity, registerMachineArgs} from './machine-args.js';
import {type ConnectMachineBus, type MachineBus, MachineBusError, isMachinedAbsent} from './machine-bus.js';
import type {RuntimeScope} from './scope-options.js';
import {userBusAddress} from './scope.js';
import {connectMachined, connectSystemBus} from './system-bus.js';

export type RegistrationOptions = {
	readonly env: NodeJS.ProcessEnv;
	readonly log: Logger;
	/** How to reach machined; the real system bus unless a test says otherwise. */
	readonly connect?: ConnectMachineBus;
};

/** Registers a running VM with machined and removes it again. */
export type Registration = {
	/** RegisterMachine with this leader; throws a CliError when that fails and the mode was yes. */
	register(leaderPid: number): Promise<void>;
	/** UnregisterMachine if register() succeeded; never throws, may be called on every exit path. */
	unregister(): Promise<void>;
};

// D-Bus errors with an errno of their own, in the spirit of sd-bus's error maps; the rest exit with EIO.
const errnoByDbusName: Readonly<Record<string, number>> = {
	'org.freedesktop.DBus.Error.AccessDenied': errno.EACCES,
	'org.freedesktop.DBus.Error.InteractiveAuthorizationRequired': errno.EACCES,
	'org.freedesktop.machine1.MachineExists': errno.EEXIST,
};

function failure(error: unknown): CliError {
	const message = error instanceof Error ? error.message : String(error);
	const busError = error instanceof MachineBusError ? error : undefined;
	const byName = busError?.dbusName === undefined ? undefined : errnoByDbusName[busError.dbusName];
	const exitCode = isMachinedAbsent(error) ? errno.ENOENT : (byName ?? errnoExitCode(busError?.code) ?? errno.EIO);
	// Say how to do without machined: yes was asked for, or set in $VMSPAWN_REGISTER.
	const hint = isMachinedAbsent(error) ? " (systemd-machined is in Debian's systemd-container; or pass --register=no or --register=auto)" : '';
	return new CliError(`failed to register machine: ${message}${hint}`, {exitCode, cause: error});
}

function closeQuietly(bus: MachineBus | undefined): void {
	try {
		bus?.close();
	} catch {
		// Closing is best effort; the connection dies with the process anyway.
	}
}

// auto carries on where machined is absent, or refuses an unprivileged user (auto is the default for everyone).
function autoMayIgnore(error: unknown): boolean {
	return isMachinedAbsent(error) || (error instanceof MachineBusError && error.dbusName !== undefined && errnoByDbusName[error.dbusName] === errno.EACCES);
}

/**
 * Which machined: the user's with --user (on the user's bus), else the system's, also for other
 * users without --user or --system (machined on the system bus, as this tool always did).
 */
export function machinedConnector(runtimeScope: RuntimeScope | undefined): ConnectMachineBus {
	if (runtimeScope !== 'user') {
		return connectSystemBus;
	}

	return async env => {
		const address = userBusAddress(env);
		if (address === undefined) {
			throw new MachineBusError('cannot connect to the user bus: $DBUS_SESSION_BUS_ADDRESS and $XDG_RUNTIME_DIR are not set', {code: 'ENOENT'});
		}

		return connectMachined(address, 'user bus');
	};
}

/**
 * --register=yes|auto. `auto` registers where it can and says why it did not when
 * machined is absent (no system bus, or machine1 not activatable) or denies us
 * the call; any other refusal (a name already registered), and every failure
 * with `yes`, is fatal. (Upstream's auto ignores every failure.)
 */
export function machineRegistration(mode: 'yes' | 'auto', machine: MachineIdentity, options: RegistrationOptions): Registration {
	const connect = options.connect ?? connectSystemBus;
	let registered = false;
	return {
		async register(leaderPid) {
			let bus: MachineBus | undefined;
			try {
				bus = await connect(options.env);
				await bus.registerMachine(registerMachineArgs(machine, leaderPid));
				registered = true;
			} catch (error) {
				if (mode === 'auto' && autoMayIgnore(error)) {
					options.log.info(`Not registering the VM with systemd-machined: ${(error as Error).message}`);
					return;
				}

				throw failure(error);
			} finally {
				closeQuietly(bus);
			}
		},
		async unregister() {
			if (!registered) {
				return;
			}

			registered = false;
			// A fresh connection: the bus may have restarted while the VM ran.
			let bus: MachineBus | undefined;
			try {
				bus = await connect(options.env);
				await bus.unregisterMachine(machine.name);
			} catch {
				// As upstream: machined may be gone, or an administrator terminated the machine already.
			} finally {
				closeQuietly(bus);
			}
		},
	};
}
