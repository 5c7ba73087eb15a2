import {basename, dirname} from 'node:path';
import {UsageError} from '@vmspawn/cli';
import {newRuntimeDir, runtimeDirNamePattern} from '@vmspawn/host';
import {findFreeTcpPort} from '@vmspawn/network';
import {type CredentialEntry, PLAN_FORMAT_VERSION, type Plan, type PortForward} from '@vmspawn/plan';
import {rehome} from './rehome.js';

/** A plan fed back to vmspawn-run, without its per-run parts, and what it asks this run to make afresh. */
export type Replay = {
	/** No ssh or credentials section; a fresh runtime.dir with every path inside moved along; picked ports picked again. */
	readonly plan: Plan;
	/** The incoming ssh section's key type: this run makes a new key of it. */
	readonly sshKeyType?: string;
	/** The incoming credentials, in order, as requests: their values are read again or given again. */
	readonly credentials: readonly CredentialEntry[];
};

// Plans of format 1.0 name no credential sources: their values cannot be had again.
function refuseSourcelessCredentials(incoming: Plan): void {
	const entries = incoming.credentials?.entries ?? [];
	if (entries.length > 0 && entries.some(entry => entry.source === undefined) && incoming.version === '1.0') {
		throw new UsageError(
			`plan.credentials: a plan of format ${incoming.version} does not say where its credentials came from (format ${PLAN_FORMAT_VERSION} does); delete the section (jq 'del(.credentials)') and pass them again with --set-credential= or --load-credential=`,
		);
	}
}

// Only a directory named as vmspawn names runs moves (never "/" or a base, which would move
// every path); any other runtime.dir stays, for check-run-files to judge.
function newHome(incoming: Plan, env: NodeJS.ProcessEnv): {from: string; to: string} | undefined {
	const from = incoming.runtime?.dir;
	if (from === undefined || dirname(from) === '/' || !runtimeDirNamePattern.test(basename(from))) {
		return undefined;
	}

	return {from, to: newRuntimeDir(incoming.machine?.name ?? basename(from).replace(/-[\da-f]{8}$/, ''), env)};
}

// The SSH forward a plan of format 1.0 made is the one its ssh section's address names.
function pickedBefore(incoming: Plan, port: PortForward): boolean {
	const address = incoming.ssh?.address;
	return (
		port.picked === true || (address?.transport === 'tcp' && port.protocol === 'tcp' && port.hostPort === address.port && port.hostAddress === address.host)
	);
}

async function repickPorts(plan: Plan, incoming: Plan): Promise<Plan> {
	const {network} = plan;
	if (network?.mode !== 'user') {
		return plan;
	}

	const ports = await Promise.all(
		network.ports.map(async port => (pickedBefore(incoming, port) ? {...port, hostPort: await findFreeTcpPort(), picked: true} : port)),
	);
	return {...plan, network: {...network, ports}};
}

/**
 * Takes apart a plan that may have run before (one saved from --dry-run): what the VM
 * is stays, the run's own parts are dropped to be made again, so the same plan can
 * boot tomorrow and twice at once.
 */
export async function replayPlan(incoming: Plan, env: NodeJS.ProcessEnv): Promise<Replay> {
	refuseSourcelessCredentials(incoming);
	const {ssh, credentials, ...kept} = incoming;
	const home = newHome(incoming, env);
	const moved = home ? rehome(kept, home.from, home.to) : kept;
	const plan = await repickPorts({...moved, version: PLAN_FORMAT_VERSION}, incoming);
	return {
		plan,
		...(ssh ? {sshKeyType: ssh.keyType} : {}),
		credentials: credentials?.entries ?? [],
	};
}
