import type {Section} from '@vmspawn/plan';
import {commandLineArgs, initrdArgs, kernelArgs} from './args/boot.js';
import {consoleArgs} from './args/console.js';
import {type CredentialFileArg, credentialArgs} from './args/credentials.js';
import {firmwareArgs} from './args/firmware.js';
import {diskControllerArgs, extraDriveArgs, fsNeedsSharedMemory, rootDiskArgs, virtiofsArgs} from './args/fs.js';
import {acceleratorArgs, machineArgs, sharedMemoryArgs} from './args/machine.js';
import {networkArgs} from './args/network.js';
import {notifyPortArgs} from './args/notify.js';
import {panicDeviceArgs} from './args/panic.js';
import {tpmArgs} from './args/tpm.js';
import {vsockArgs} from './args/vsock.js';
import {smbios11Args} from './args/smbios.js';
import {qmpArgs} from './qmp.js';
import {qmpEventArgs, qmpEventSocketFor} from './qmp-events.js';

/** Everything the argv depends on: the plan's sections plus what only run time knows. */
export type QemuInput = {
	readonly binary: string;
	readonly machine: Section<'machine'>;
	readonly console: Section<'console'>;
	readonly kernel?: string;
	readonly initrd?: string;
	readonly kernelCommandLine: readonly string[];
	/** The root, shared folders and extra drives; virtiofs implies the shared memory backend. */
	readonly fs?: Section<'fs'> | undefined;
	/** The selected firmware; absent or null: qemu's built-in BIOS (direct kernel boots only). */
	readonly firmware?: Section<'firmware'> | null | undefined;
	/** The guest's network card; absent: none. */
	readonly network?: Section<'network'> | undefined;
	/** swtpm's socket, when the guest has a TPM. */
	readonly tpmSocket?: string | undefined;
	/** The guest's vsock CID and the fd number qemu will find the vhost-vsock device at. */
	readonly vsock?: {readonly cid: number; readonly fd: number} | undefined;
	/** This run's VM generation ID (vmgenid device, x86 only); a fresh one per run. */
	readonly vmgenid?: string | undefined;
	/** The fd number qemu finds a passed-in /dev/kvm at (-add-fd, -accel kvm,device=/dev/fdset/1). */
	readonly kvmFd?: number | undefined;
	/** Credentials, as files qemu reads (never values on the command line). */
	readonly credentials?: readonly CredentialFileArg[] | undefined;
	/** -s/--smbios11 strings. */
	readonly smbios11?: readonly string[] | undefined;
	/** vmspawn-run's socket qemu connects the guest's notification port to (EXIT_STATUS=...). */
	readonly notifySocket?: string | undefined;
	/** Private QMP socket through which vmspawn-run asks the guest to power off. */
	readonly qmpSocket?: string;
	/** Appended last, e.g. from $SYSTEMD_VMSPAWN_QEMU_EXTRA. */
	readonly extraArgs?: readonly string[];
};

export type QemuArgv = {argv: string[]; warnings: string[]};

/** The qemu command line, in upstream's order. */
export function buildQemuArgv(input: QemuInput): QemuArgv {
	const warnings: string[] = [];
	const boot = {arch: input.machine.arch, kernel: input.kernel, initrd: input.initrd, kernelCommandLine: input.kernelCommandLine};
	const commandLine = commandLineArgs(boot);
	const smbios = smbios11Args(input.machine.arch, input.smbios11 ?? []);
	for (const warning of [commandLine.warning, smbios.warning]) {
		if (warning) {
			warnings.push(warning);
		}
	}

	const sharedMemory = fsNeedsSharedMemory(input.fs);
	const argv = [
		input.binary,
		'-no-user-config',
		...machineArgs(input.machine, {smm: input.firmware?.requiresSmm ?? false, sharedMemory, vmgenid: input.vmgenid}),
		...networkArgs(input.network),
		...(sharedMemory ? sharedMemoryArgs(input.machine) : []),
		...acceleratorArgs(input.machine, input.kvmFd),
		...(input.vsock ? vsockArgs(input.vsock.cid, input.vsock.fd) : []),
		...consoleArgs(input.console),
		// The pvpanic device is heard through the events monitor, so they come together.
		...(input.qmpSocket ? [...qmpArgs(input.qmpSocket), ...qmpEventArgs(qmpEventSocketFor(input.qmpSocket)), ...panicDeviceArgs(input.machine.arch)] : []),
		...(input.notifySocket ? notifyPortArgs(input.notifySocket) : []),
		...(input.firmware ? firmwareArgs(input.firmware, input.machine.arch) : []),
		...(input.fs ? [...diskControllerArgs(input.fs), ...extraDriveArgs(input.fs)] : []),
		...kernelArgs(boot),
		...(input.fs ? [...rootDiskArgs(input.fs), ...virtiofsArgs(input.fs)] : []),
		...commandLine.args,
		...(input.tpmSocket ? tpmArgs(input.tpmSocket, input.machine.arch) : []),
		...initrdArgs(boot),
		...(input.credentials ? credentialArgs(input.credentials) : []),
		...smbios.args,
		...(input.extraArgs ?? []),
	];
	return {argv, warnings};
}
