import {CliError, createLogger, errno, shellLine, splitShellWords} from '@vmspawn/cli';
import {initrdForQemu, kernelCommandLine, mergeInitrds, readGptPartitions, rootArgumentFor} from '@vmspawn/boot';
import {prepareFirmwareVars} from '@vmspawn/firmware';
import {createEphemeralCopy, prepareImageRoot} from '@vmspawn/fs';
import {manufactureTpmState} from '@vmspawn/tpm';
import {vmGenerationId} from '@vmspawn/machine';
import {type CredentialStore, writeCredentialFiles} from '@vmspawn/credentials';
import type {Logger} from '@vmspawn/cli';
import {type Host, closeQuietly, locksOn, vmLocks} from '@vmspawn/host';
import type {HelperProcess, Section} from '@vmspawn/plan';
import {buildQemuArgv, checkGuiDisplay, guestConsoleDevice, qemuBinaryCandidates, qemuTakesKvmDevice} from '@vmspawn/qemu';
import {type SshKeyPair, writePrivateKey} from '@vmspawn/ssh';
import {claimCid} from '@vmspawn/vsock';
import type {CompletePlan} from './complete-plan.js';
import {sshWithCid} from './fill-ssh.js';

/** What running a plan means: the qemu argv, the helpers, and the steps to take before qemu starts. */
export type Invocation = {
	readonly plan: CompletePlan;
	readonly argv: string[];
	readonly helpers: HelperProcess[];
	readonly prepare: Array<() => Promise<void>>;
	/** Open fds qemu inherits, in order, as its fds 3, 4, ... */
	readonly passFds: number[];
	readonly qmpSocket: string;
	readonly notifySocket: string;
	readonly warnings: string[];
	readonly notices: string[];
	/** How to log into the guest; for once qemu runs, since the key file is written just before. */
	readonly sshNotice?: string;
};

export type InvocationContext = {
	readonly env: NodeJS.ProcessEnv;
	/** Claim host resources (the vsock CID) for a real run; a dry run claims nothing. */
	readonly claim: boolean;
	/** The machine: qemu and the helpers are found there, the vsock CID claimed, the preparations run. */
	readonly host: Host;
	/** The credential values behind the plan's credentials section. */
	readonly secrets?: CredentialStore;
	/** Words describing the user's terminal for the guest's console (interactive mode on a terminal). */
	readonly terminalArgs?: readonly string[];
	/** Where preparation steps report progress (TPM manufacture). */
	readonly log?: Logger;
	/** The key pair behind the plan's ssh section; its private key is written before qemu starts. */
	readonly sshKeys?: SshKeyPair;
	/** An open /dev/kvm a service manager passed us (sd_listen_fds name `kvm`). */
	readonly kvmFd?: number;
};

/** How to log into the guest, for a real run that can reach its sshd; the plan's ssh section says why not otherwise. */
function sshNotice(ssh: Section<'ssh'> | undefined, context: InvocationContext): string | undefined {
	return ssh && context.claim && ssh.command.length > 0 ? `log into the guest with: ${shellLine(ssh.command)}` : undefined;
}

/** The first fd number a child sees beyond stdin, stdout and stderr. */
const firstPassedFd = 3;

// A passed /dev/kvm fd is used as upstream does, where the accelerator is KVM and qemu can take it.
async function usableKvmFd(plan: CompletePlan, binary: string, context: InvocationContext): Promise<{fd?: number; warning?: string}> {
	const {kvmFd} = context;
	if (kvmFd === undefined) {
		return {};
	}

	if (plan.machine.accelerator !== 'kvm') {
		closeQuietly(kvmFd);
		return {warning: 'KVM is disabled but fd for /dev/kvm was passed, closing fd and ignoring'};
	}

	if (!(await qemuTakesKvmDevice(binary, context.host.run))) {
		closeQuietly(kvmFd);
		return {
			warning: `${binary} cannot be handed an open /dev/kvm (its kvm accelerator has no device= property); closing the passed fd, qemu opens /dev/kvm itself`,
		};
	}

	return {fd: kvmFd};
}

export function findQemu(arch: string, env: NodeJS.ProcessEnv, host: Host): string {
	for (const name of qemuBinaryCandidates(arch)) {
		const path = host.findBinary(name, [], env);
		if (path) {
			return path;
		}
	}

	throw new CliError(`cannot find qemu-system-${arch} on $PATH (Debian: apt-get install qemu-system-${arch === 'x86_64' ? 'x86' : 'arm'})`, {
		exitCode: errno.ENOENT,
	});
}

// A CID is only reserved while an fd holds it, so a real run claims it again here.
async function claimVsock(plan: CompletePlan, context: InvocationContext): Promise<{vsock: Section<'vsock'>; fd?: number; notice?: string}> {
	if (!context.claim || !plan.vsock.enabled) {
		return {vsock: plan.vsock};
	}

	const claimed = await claimCid(context.host.vsockDevice(context.env), plan.vsock);
	return claimed ? {vsock: claimed.section, fd: claimed.fd, ...(claimed.notice ? {notice: claimed.notice} : {})} : {vsock: plan.vsock};
}

/** The helper processes the plan describes: swtpm, one virtiofsd per shared directory, systemd-journal-remote. */
function helpersOf(plan: CompletePlan): HelperProcess[] {
	const {root, shares} = plan.fs;
	return [
		...(plan.tpm.enabled ? [plan.tpm.helper] : []),
		...(root.kind === 'directory' ? [root.share.helper] : []),
		...shares.map(share => share.helper),
		...(plan.journal ? [plan.journal.helper] : []),
	];
}

// A direct boot of a disk image needs to be told where its root is, unless the user said so.
async function rootArguments(plan: CompletePlan): Promise<string[]> {
	const {root, kernelArgs} = plan.fs;
	const userWords = plan.boot.extraArgs;
	if (root.kind !== 'image' || plan.boot.kernel === undefined || userWords.some(word => word.startsWith('root=') || word.startsWith('mount.usr='))) {
		return [...kernelArgs];
	}

	const cannotBoot = (why: string) =>
		new CliError(`cannot boot ${plan.boot.kernel} directly from ${root.path}: ${why}; add root=... to the kernel command line`, {exitCode: errno.EINVAL});
	// The partition table is the guest's: a corrupt one is said so, other read errors are as no table.
	const partitions = root.blockDevice
		? undefined
		: await readGptPartitions(root.path).catch((error: unknown) => {
				if (error instanceof CliError) {
					throw cannotBoot(error.message);
				}

				return undefined;
			});
	const argument = partitions && rootArgumentFor(partitions, plan.machine.arch);
	if (!argument) {
		throw cannotBoot('the image has no root or /usr partition to point the kernel at');
	}

	return [...kernelArgs, argument];
}

// qemu locks the images it opens (OFD locks); one held already means another VM writes to it.
// An ephemeral run only reads its image, as a backing file, so several may share it.
function refuseImageInUse(plan: CompletePlan): void {
	const {root} = plan.fs;
	if (root.kind !== 'image' || root.blockDevice || root.ephemeral) {
		return;
	}

	const holders = vmLocks(locksOn(root.path));
	if (holders.length > 0) {
		const pids = holders.map(lock => lock.pid).filter(pid => pid > 0);
		const who = pids.length > 0 ? `process ${[...new Set(pids)].join(', ')}` : 'another process';
		throw new CliError(`image ${root.path} is in use by another VM (${who} holds a lock on it); refusing to start a second one on it`, {exitCode: errno.EBUSY});
	}
}

// A gui run on a qemu without a window display would quietly serve VNC instead: say so before starting.
async function refuseGuiWithoutDisplay(plan: CompletePlan, binary: string, context: InvocationContext): Promise<void> {
	const problem = plan.console.mode === 'gui' ? await checkGuiDisplay(binary, context.env, context.host.run) : undefined;
	if (problem) {
		throw new CliError(`--console=gui: ${problem}; use --console=interactive or --console=headless`, {exitCode: errno.EOPNOTSUPP});
	}
}

/** What must exist before qemu starts, in order; each step runs only for a real run. */
function preparationSteps(plan: CompletePlan, initrd: string | undefined, context: InvocationContext): Array<() => Promise<void>> {
	const {boot, runtime, firmware, credentials, ssh} = plan;
	const log = context.log ?? createLogger('vmspawn-run', true);
	// The root first: the image is grown, or its overlay made, before anything else is prepared.
	const prepare: Array<() => Promise<void>> = [...prepareImageRoot(plan.fs.root, context.env, context.host)];
	const {root} = plan.fs;
	if (root.kind === 'directory' && root.ephemeral) {
		prepare.push(async () => createEphemeralCopy(root, runtime.dir, message => log.info(message), context.env, context.host));
	}

	if (boot.initrds.length > 1 && initrd) {
		prepare.push(async () => mergeInitrds(boot.initrds, initrd));
	}

	if (firmware?.nvram) {
		prepare.push(async () => {
			prepareFirmwareVars(firmware);
		});
	}

	if (plan.tpm.enabled) {
		prepare.push(async () => {
			await manufactureTpmState(plan.tpm, log, {run: context.host.run});
		});
	}

	const {secrets, sshKeys} = context;
	if (credentials && secrets) {
		prepare.push(async () => writeCredentialFiles(secrets, credentials));
	}

	if (ssh && sshKeys) {
		prepare.push(async () => writePrivateKey(sshKeys, ssh));
	}

	return prepare;
}

export async function buildInvocation(incoming: CompletePlan, context: InvocationContext): Promise<Invocation> {
	const binary = findQemu(incoming.machine.arch, context.env, context.host);
	if (context.claim) {
		refuseImageInUse(incoming);
		await refuseGuiWithoutDisplay(incoming, binary, context);
	}

	const claimed = await claimVsock(incoming, context);
	const ssh = incoming.ssh ? sshWithCid(incoming.ssh, claimed.vsock.cid) : undefined;
	const plan: CompletePlan = {...incoming, vsock: claimed.vsock, ...(ssh ? {ssh} : {})};
	const {machine, boot, runtime, firmware} = plan;
	const initrd = initrdForQemu(boot, runtime.dir);
	const prepare = preparationSteps(plan, initrd, context);
	const kvm = await usableKvmFd(plan, binary, context);
	// qemu finds these as its fds 3, 4, ...: the vhost-vsock fd first, then /dev/kvm.
	const passFds = [...(claimed.fd === undefined ? [] : [claimed.fd]), ...(kvm.fd === undefined ? [] : [kvm.fd])];
	const hasVsock = plan.vsock.enabled;
	const kvmFdInQemu = kvm.fd === undefined ? undefined : firstPassedFd + (hasVsock ? 1 : 0);
	const qmpSocket = `${runtime.dir}/qmp.sock`;
	const notifySocket = `${runtime.dir}/guest-notify.sock`;
	const {argv, warnings} = buildQemuArgv({
		binary,
		machine,
		console: plan.console,
		firmware,
		fs: plan.fs,
		network: plan.network,
		...(plan.tpm.enabled ? {tpmSocket: plan.tpm.socket} : {}),
		...(plan.vsock.enabled ? {vsock: {cid: plan.vsock.cid, fd: firstPassedFd}} : {}),
		...(kvmFdInQemu === undefined ? {} : {kvmFd: kvmFdInQemu}),
		// Per run, never in the plan: a replayed plan is a new generation of the VM too.
		vmgenid: vmGenerationId(context.env),
		...(boot.kernel ? {kernel: boot.kernel} : {}),
		...(initrd ? {initrd} : {}),
		kernelCommandLine: kernelCommandLine({
			console: guestConsoleDevice(plan.console, machine.arch),
			terminalArgs: context.terminalArgs ?? [],
			extraArgs: boot.extraArgs,
			rootArgs: await rootArguments(plan),
		}),
		...(plan.credentials ? {credentials: plan.credentials.entries} : {}),
		...(boot.smbios11 ? {smbios11: boot.smbios11} : {}),
		qmpSocket,
		notifySocket,
		// Appended verbatim, as upstream does, for what vmspawn has no option for.
		extraArgs: splitShellWords(context.env['SYSTEMD_VMSPAWN_QEMU_EXTRA'] ?? '', '$SYSTEMD_VMSPAWN_QEMU_EXTRA'),
	});
	const login = sshNotice(ssh, context);
	return {
		plan,
		argv,
		helpers: helpersOf(plan),
		prepare,
		passFds,
		qmpSocket,
		notifySocket,
		warnings: [...(kvm.warning ? [kvm.warning] : []), ...warnings],
		notices: claimed.notice ? [claimed.notice] : [],
		...(login ? {sshNotice: login} : {}),
	};
}
