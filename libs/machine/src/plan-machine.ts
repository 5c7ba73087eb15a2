import {CliError, type Tristate, errno, toMiBRoundedUp} from '@vmspawn/cli';
import type {QemuArch, Section} from '@vmspawn/plan';
import type {Probe} from '@vmspawn/host';
import {archTraits} from '@vmspawn/qemu';
import {chooseAccelerator} from './accelerator.js';

export type MachineRequest = {
	readonly name: string;
	readonly uuid?: string;
	readonly cpus: string;
	readonly ramBytes: bigint;
	/** Memory hotplug: the maximum and the slots (--ram=BYTES:MAXBYTES:SLOTS). */
	readonly ramMaxBytes?: bigint;
	readonly ramSlots?: number;
	readonly kvm: Tristate;
	readonly arch: QemuArch;
};

/** Builds the machine section; returns the warning to show, if any. */
export function planMachine(request: MachineRequest, probe?: () => Probe): {section: Section<'machine'>; warning?: string} {
	const traits = archTraits(request.arch);
	if (!traits) {
		throw new CliError(`architecture ${request.arch} is not supported by qemu here`, {exitCode: errno.EOPNOTSUPP});
	}

	const ramMiB = toMiBRoundedUp(request.ramBytes);
	if (ramMiB === 0) {
		throw new CliError(`invalid --ram: the guest needs some memory`, {exitCode: errno.EINVAL});
	}

	const ramMaxMiB = request.ramMaxBytes === undefined ? undefined : toMiBRoundedUp(request.ramMaxBytes);
	const choice = chooseAccelerator(request.kvm, request.arch, probe);
	return {
		section: {
			name: request.name,
			...(request.uuid ? {uuid: request.uuid} : {}),
			arch: request.arch,
			type: traits.machineType,
			cpus: request.cpus,
			ramMiB,
			...(ramMaxMiB === undefined ? {} : {ramMaxMiB, ramSlots: request.ramSlots ?? 1}),
			accelerator: choice.accelerator,
			...(choice.reason ? {acceleratorReason: choice.reason} : {}),
		},
		...(choice.warning ? {warning: choice.warning} : {}),
	};
}
