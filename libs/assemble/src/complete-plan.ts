import {randomBytes} from 'node:crypto';
import {resolve} from 'node:path';
import {UsageError} from '@vmspawn/cli';
import {type Host, newRuntimeDir, probeKvm} from '@vmspawn/host';
import {type MachineRequest, defaultMachineName, planMachine} from '@vmspawn/machine';
import {type CredentialSource, type Plan, type Section, withSection} from '@vmspawn/plan';
import {planVsock} from '@vmspawn/vsock';
import type {CredentialStore} from '@vmspawn/credentials';
import type {SshKeyPair} from '@vmspawn/ssh';
import type {StreamListener} from '@vmspawn/host';
import {refuseRunFilesOutside} from './check-run-files.js';
import {fillBindUserCredentials} from './fill-bind-users.js';
import {hostHashedPassword} from '@vmspawn/fs';
import {fillBoot} from './fill-boot.js';
import {fillCredentials} from './fill-credentials.js';
import {fillFirmware} from './fill-firmware.js';
import {fillFs} from './fill-fs.js';
import {findMachineImage} from '@vmspawn/register';
import {fillJournal} from './fill-journal.js';
import {fillNetwork} from './fill-network.js';
import {type VsockListen, openGuestNotify} from './fill-notify.js';
import {fillSsh, refuseIncomingSsh, sshForward, wantsSsh} from './fill-ssh.js';
import {fillTpm} from './fill-tpm.js';
import {type RunOptions, optionsBySection} from './run-options.js';

export type CompletePlan = Plan & {
	machine: Section<'machine'>;
	boot: Section<'boot'>;
	console: Section<'console'>;
	runtime: Section<'runtime'>;
	vsock: Section<'vsock'>;
	firmware: Section<'firmware'> | null;
	fs: Section<'fs'>;
	tpm: Section<'tpm'>;
	network: Section<'network'>;
};

/** What completing a plan may touch on the host; tests pass @vmspawn/testing's fakeHost(). */
export type HostContext = {
	readonly env: NodeJS.ProcessEnv;
	readonly host: Host;
	/** Credential values vmspawn-run collected; only their ids and files go into the plan. */
	readonly secrets?: CredentialStore;
	/** Where the command line's credentials came from, recorded in the plan so it replays. */
	readonly credentialSources?: ReadonlyMap<string, CredentialSource>;
	/** How to listen on vsock for the guest's notifications; tests pass a stand-in. */
	readonly vsockListen?: VsockListen;
};

function refuseConflicts(incoming: Plan, given: ReadonlySet<string>): void {
	for (const [section, options] of Object.entries(optionsBySection)) {
		const clash = options.find(option => given.has(option));
		if (clash && incoming[section] !== undefined) {
			throw new UsageError(`--${clash} conflicts with the ${section} section of the incoming plan; leave the option out or edit the plan`);
		}
	}
}

// The default name comes from the root: the image's or directory's name (the current directory without either).
function machineRequest(options: RunOptions, incoming: Plan): MachineRequest {
	const root = incoming.fs?.root;
	const fromPlan = root ? (root.kind === 'image' ? {image: root.path} : {directory: root.path}) : undefined;
	const cwd = options.fs?.cwd ?? process.cwd();
	const fromOptions = options.fs?.image === undefined ? {directory: resolve(cwd, options.fs?.directory ?? '.')} : {image: resolve(cwd, options.fs.image)};
	const derived = options.machineName === undefined ? defaultMachineName(fromPlan ?? fromOptions) : undefined;
	const name = options.machineName ?? derived;
	if (name === undefined) {
		throw new UsageError('failed to determine the machine name automatically, please use -M/--machine=');
	}

	// Ephemeral runs of one image get their own names (as upstream: -<16 hex>), so several can run at once.
	const ephemeral = root ? root.ephemeral !== undefined : options.fs?.ephemeral === true;
	const suffix = derived !== undefined && ephemeral ? `-${randomBytes(8).toString('hex')}` : '';

	return {
		name: `${name}${suffix}`,
		...(options.uuid ? {uuid: options.uuid} : {}),
		cpus: options.cpus ?? '1',
		ramBytes: options.ramBytes ?? 2n * 1024n ** 3n,
		...(options.ramMaxBytes === undefined ? {} : {ramMaxBytes: options.ramMaxBytes}),
		...(options.ramSlots === undefined ? {} : {ramSlots: options.ramSlots}),
		kvm: options.kvm ?? 'auto',
		arch: options.arch,
	};
}

/**
 * Fills every section the incoming plan lacks from the options, calling the same
 * libraries the stage tools use. Sections that arrived are never changed.
 */
export type CompletedPlan = {
	plan: CompletePlan;
	warnings: string[];
	notices: string[];
	sshKeys?: SshKeyPair;
	/** The host's end of the guest's notify socket (vsock), listening; the caller closes it. */
	notifyListener?: StreamListener;
};

/** -M NAME with neither -i nor -D (and no fs section coming in): the machine's image, found as upstream finds it. */
function withMachineImage(incoming: Plan, options: RunOptions): RunOptions {
	const {fs, machineName} = options;
	if (incoming.fs || !fs || machineName === undefined || fs.image !== undefined || fs.directory !== undefined) {
		return options;
	}

	return {...options, fs: {...fs, ...findMachineImage(machineName)}};
}

// The guest itself: machine, root, boot, firmware and vsock, each unless the plan brought it.
async function fillGuest(incoming: Plan, options: RunOptions, host: HostContext, warnings: string[]): Promise<Plan> {
	let plan = incoming;
	if (!plan.machine) {
		const request = machineRequest(options, plan);
		const {section, warning} = planMachine(request, () => probeKvm(request.arch, host.host.fs));
		plan = withSection(plan, 'machine', section);
		if (warning) {
			warnings.push(warning);
		}
	}

	if (!plan.fs) {
		plan = fillFs(plan, options, host.env, host.host);
	}

	const booted = fillBoot(plan, options);
	plan = booted.plan;
	warnings.push(...booted.warnings);
	if (plan.firmware === undefined) {
		const filled = fillFirmware(plan, options, host.env);
		plan = filled.plan;
		warnings.push(...filled.warnings);
	}

	if (!plan.vsock) {
		const device = host.host.vsockDevice(host.env);
		plan = withSection(plan, 'vsock', await planVsock({...(options.vsock ?? {mode: 'auto'}), name: plan.machine!.name}, device));
	}

	return plan;
}

// What the guest is given and where the run lives: network, TPM, console and runtime directory.
async function fillSurroundings(incoming: Plan, options: RunOptions, host: HostContext, ssh: boolean, warnings: string[]): Promise<Plan> {
	let plan = incoming;
	if (!plan.network) {
		// Without vsock, the guest's sshd is reached through a forwarded loopback port (user mode only).
		const forward = ssh && !plan.vsock!.enabled && options.network?.userMode === true ? await sshForward() : undefined;
		const filled = fillNetwork(plan, options, host.env, forward);
		plan = filled.plan;
		warnings.push(...filled.warnings);
	}

	if (!plan.tpm) {
		plan = await fillTpm(plan, options, host.env, host.host);
	}

	if (!plan.console) {
		plan = withSection(plan, 'console', {mode: options.console ?? 'interactive', ...(options.consoleTransport ? {transport: options.consoleTransport} : {})});
	}

	if (!plan.runtime) {
		plan = withSection(plan, 'runtime', {dir: newRuntimeDir(plan.machine!.name, host.env)});
	}

	return plan;
}

export async function completePlan(incoming: Plan, given: RunOptions, host: HostContext): Promise<CompletedPlan> {
	refuseConflicts(incoming, given.given);
	const options = withMachineImage(incoming, given);
	refuseIncomingSsh(incoming);
	const warnings: string[] = [];
	const guest = await fillGuest(incoming, options, host, warnings);
	const {wanted: ssh, warning: sshWarning} = wantsSsh(options.ssh, host.secrets, host.env, host.host);
	if (sshWarning) {
		warnings.push(sshWarning);
	}

	let plan = await fillSurroundings(guest, options, host, ssh, warnings);
	// The credentials, in upstream's order: the command line's, --bind-user's, the journal's, the notify socket's, SSH's.
	fillBindUserCredentials(plan, host.secrets, name => hostHashedPassword(name, host.host.runSync));
	const journal = await fillJournal(plan, options.forwardJournal, host.secrets, {env: host.env, host: host.host}, options.forwardJournalLimits);
	plan = journal.plan;
	warnings.push(...journal.warnings);
	const notify = await openGuestNotify(plan, host.secrets, host.vsockListen);
	if (notify.warning) {
		warnings.push(notify.warning);
	}

	let keys: SshKeyPair | undefined;
	if (ssh) {
		const filled = await fillSsh(plan, options.ssh!, host.secrets!, host.env, host.host);
		plan = filled.plan;
		keys = filled.keys;
	}

	plan = fillCredentials(plan, incoming, host.secrets, host.credentialSources);
	try {
		refuseRunFilesOutside(plan as CompletePlan, host.env);
	} catch (error) {
		notify.listener?.close();
		throw error;
	}

	return {
		plan: plan as CompletePlan,
		warnings,
		notices: notify.notice ? [notify.notice] : [],
		...(keys ? {sshKeys: keys} : {}),
		...(notify.listener ? {notifyListener: notify.listener} : {}),
	};
}
