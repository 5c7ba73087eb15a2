import {existsSync} from 'node:fs';
import {CliError, type Logger, errno} from '@vmspawn/cli';
import {MachineBusError, isMachinedAbsent} from './machine-bus.js';
import {type ConnectManagerBus, type ManagerBus, connectManager} from './scope-bus.js';
import type {RuntimeScope, ScopeRequest} from './scope-options.js';
import type {ScopeProperty} from './scope-properties.js';
import {systemBusAddress} from './system-bus.js';

export type ScopeOptions = {
	readonly env: NodeJS.ProcessEnv;
	readonly log: Logger;
	/** Called when systemd asks for the scope to stop (machinectl terminate, systemctl stop): power the guest off. */
	readonly onStopRequested: () => void;
	/** Seams for tests: the manager's bus, whether systemd runs the system, our effective uid. */
	readonly connect?: ConnectManagerBus;
	readonly booted?: () => boolean;
	readonly euid?: number;
};

/** The VM's scope unit: allocated once qemu and its helpers run, released at the end. */
export type MachineScope = {
	/** Moves these processes (qemu first) into NAME.scope; a no-op with --keep-unit or without systemd. */
	allocate(pids: readonly number[]): Promise<void>;
	/** Drops our connection (and reference); the scope goes once its processes have. Never throws. */
	release(): void;
};

export function scopeUnitName(machine: string): string {
	return `${machine}.scope`;
}

/** The scope's properties, in the order upstream sets them; the user's --property= come last and win. */
export function scopeProperties(machine: string, pids: readonly number[], request: ScopeRequest, controller: string): ScopeProperty[] {
	return [
		['PIDs', 'au', [...pids]],
		['Description', 's', `Virtual Machine ${machine}`],
		['CollectMode', 's', 'inactive-or-failed'],
		['AddRef', 'b', true],
		['Slice', 's', request.slice ?? 'machine.slice'],
		...(controller === '' ? [] : [['Controller', 's', controller] as const]),
		...request.properties,
	];
}

/** $DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus (sd-bus's order); undefined without either. */
export function userBusAddress(env: NodeJS.ProcessEnv): string | undefined {
	const address = env['DBUS_SESSION_BUS_ADDRESS'];
	if (address) {
		return address;
	}

	const runtime = env['XDG_RUNTIME_DIR'];
	return runtime?.startsWith('/') ? `unix:path=${runtime}/bus` : undefined;
}

/** --system/--user, else the system's for root and the user's for everyone else (as upstream). */
export function effectiveRuntimeScope(request: Pick<ScopeRequest, 'runtimeScope'>, euid: number): RuntimeScope {
	return request.runtimeScope ?? (euid === 0 ? 'system' : 'user');
}

const errnoByDbusName: Readonly<Record<string, number>> = {
	'org.freedesktop.systemd1.UnitExists': errno.EEXIST,
	'org.freedesktop.DBus.Error.AccessDenied': errno.EACCES,
	'org.freedesktop.DBus.Error.InteractiveAuthorizationRequired': errno.EACCES,
};

function failure(unit: string, error: unknown): CliError {
	const name = error instanceof MachineBusError ? error.dbusName : undefined;
	return new CliError(`failed to allocate scope unit ${unit}: ${(error as Error).message}`, {
		exitCode: (name === undefined ? undefined : errnoByDbusName[name]) ?? errno.EIO,
		cause: error,
	});
}

function managerAddress(scope: RuntimeScope, env: NodeJS.ProcessEnv): string | undefined {
	return scope === 'system' ? systemBusAddress(env) : userBusAddress(env);
}

/** Why there is no manager to ask, or undefined when there may be one at `address`. */
function noManager(booted: boolean, address: string | undefined): string | undefined {
	if (!booted) {
		return 'systemd does not run this system (no /run/systemd/system)';
	}

	return address === undefined ? 'no user bus ($DBUS_SESSION_BUS_ADDRESS and $XDG_RUNTIME_DIR are not set)' : undefined;
}

/**
 * NAME.scope holding qemu and its helpers, as upstream (v258+) allocates it once they run: in
 * --slice= (machine.slice), with --property=, our bus name as its Controller so that stopping it
 * (machinectl terminate) asks us to power the guest off. Without systemd there is no scope and
 * no word about it, unless --slice= or --property= asked for one; a manager that refuses is fatal.
 */
export function machineScope(request: ScopeRequest, machine: string, options: ScopeOptions): MachineScope {
	const scope = effectiveRuntimeScope(request, options.euid ?? process.geteuid?.() ?? 0);
	const unit = scopeUnitName(machine);
	const required = request.slice !== undefined || request.properties.length > 0;
	let bus: ManagerBus | undefined;
	const release = () => {
		try {
			bus?.close();
		} catch {
			// Best effort: the connection dies with the process anyway.
		}

		bus = undefined;
	};

	return {
		async allocate(pids) {
			if (request.keepUnit) {
				return;
			}

			const address = managerAddress(scope, options.env);
			const absent = noManager((options.booted ?? (() => existsSync('/run/systemd/system')))(), address);
			if (absent !== undefined || address === undefined) {
				if (required) {
					throw new CliError(`cannot allocate scope unit ${unit} for --slice=/--property=: ${absent}`, {exitCode: errno.ENOENT});
				}

				return;
			}

			try {
				bus = await (options.connect ?? connectManager)(address, `${scope} bus`);
				await bus.startScope(unit, scopeProperties(machine, pids, request, bus.uniqueName));
				await bus.onStopRequested(unit, options.onStopRequested);
			} catch (error) {
				release();
				if (!required && isMachinedAbsent(error)) {
					options.log.info(`Not putting the VM in scope unit ${unit}: ${(error as Error).message}`);
					return;
				}

				throw failure(unit, error);
			}
		},
		release,
	};
}
