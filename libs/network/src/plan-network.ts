import {CliError, UsageError, errno} from '@vmspawn/cli';
import type {PortForward, Section} from '@vmspawn/plan';
import {type MachineIdReader, hostMachineId} from './machine-id.js';
import {NETWORK_MAC_VARIABLE, macFromEnvironment} from './mac-env.js';
import {deriveMac, formatMac} from './mac.js';
import {parsePortForwards} from './port.js';
import {tapName} from './tap-name.js';

export type NetworkRequest = {
	/** --network-user-mode */
	readonly userMode: boolean;
	/** -n/--network-tap */
	readonly tap: boolean;
	/** Every --port= value, in order. */
	readonly ports: readonly string[];
	/** The machine name the tap name and MAC are made from. */
	readonly machineName: string;
	/** Reads the host's 16-byte machine ID; only called for a tap whose MAC is not given. Default: /etc/machine-id. */
	readonly machineId?: MachineIdReader | undefined;
	/** For $SYSTEMD_VMSPAWN_NETWORK_MAC. */
	readonly env: Readonly<Record<string, string | undefined>>;
	/** The effective uid: a tap device needs root. */
	readonly uid: number;
};

export type NetworkPlan = {section: Section<'network'>; warnings: string[]};

function checkPorts(request: NetworkRequest): PortForward[] {
	const forwards = parsePortForwards(request.ports);
	if (forwards.length === 0 || request.userMode) {
		return forwards;
	}

	if (request.tap) {
		throw new UsageError(
			'--port= cannot be used with --network-tap: qemu forwards ports only in user mode; forward to the guest through the tap device on the host yourself (e.g. with nft), or use --network-user-mode',
		);
	}

	throw new UsageError("--port= needs --network-user-mode: the forwards are made by qemu's user-mode network stack");
}

function machineIdForMac(read: MachineIdReader): Uint8Array {
	try {
		return read();
	} catch (error) {
		const exitCode = error instanceof CliError ? error.exitCode : errno.EIO;
		const why = error instanceof Error ? error.message : String(error);
		throw new CliError(`Failed to generate predictable MAC address for VM side: ${why} (or set $${NETWORK_MAC_VARIABLE})`, {exitCode, cause: error});
	}
}

/**
 * The plan's network section from the command line. Default: no network, as upstream.
 * User mode needs no privileges; a tap device needs root (v256 has no unprivileged tap).
 */
export function planNetwork(request: NetworkRequest): NetworkPlan {
	if (request.userMode && request.tap) {
		throw new UsageError('--network-user-mode and --network-tap cannot be combined: pick one');
	}

	const ports = checkPorts(request);
	// Read even when it is not used, as upstream: a broken setting is reported, not silently ignored.
	const givenMac = macFromEnvironment(request.env);
	if (request.userMode) {
		return {section: {mode: 'user', ports}, warnings: []};
	}

	if (!request.tap) {
		return {section: {mode: 'none'}, warnings: []};
	}

	if (request.uid !== 0) {
		throw new CliError('--network-tap requires root privileges, refusing.', {exitCode: errno.EPERM});
	}

	const name = tapName(request.machineName);
	const mac = givenMac ?? deriveMac(machineIdForMac(request.machineId ?? hostMachineId), request.machineName);
	return {section: {mode: 'tap', ifname: name.ifname, mac: formatMac(mac)}, warnings: name.warning === undefined ? [] : [name.warning]};
}
