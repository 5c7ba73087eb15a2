import type {Section} from '@vmspawn/plan';
import {archTraits} from '../arch.js';
import {keyValues} from '../escape.js';

export type MachineOptions = {
	/** From the firmware: Secure Boot or requires-smm firmware needs SMM. */
	readonly smm: boolean;
	/** virtiofs needs guest memory in a shared memory backend. */
	readonly sharedMemory: boolean;
	/** This run's VM generation ID (a UUID), for the vmgenid device where the architecture has it. */
	readonly vmgenid?: string | undefined;
};

/** -m: the size, and for memory hotplug the maximum and the DIMM slots. */
function memoryValue(machine: Section<'machine'>): string {
	if (machine.ramMaxMiB === undefined) {
		return `${machine.ramMiB}M`;
	}

	return keyValues([
		['size', `${machine.ramMiB}M`],
		['maxmem', `${machine.ramMaxMiB}M`],
		['slots', machine.ramSlots ?? 1],
	]);
}

export function machineArgs(machine: Section<'machine'>, options: MachineOptions): string[] {
	const traits = archTraits(machine.arch);
	return [
		'-machine',
		keyValues([
			['type', machine.type],
			['smm', traits?.smm ? options.smm : undefined],
			['memory-backend', options.sharedMemory ? 'mem' : undefined],
		]),
		'-smp',
		machine.cpus,
		'-m',
		memoryValue(machine),
		'-object',
		'rng-random,filename=/dev/urandom,id=rng0',
		'-device',
		'virtio-rng-pci,rng=rng0,id=rng-device0',
		'-device',
		'virtio-balloon,free-page-reporting=on',
		...(machine.uuid ? ['-uuid', machine.uuid] : []),
		...(options.vmgenid && traits?.vmgenid ? ['-device', `vmgenid,guid=${options.vmgenid}`] : []),
	];
}

export function sharedMemoryArgs(machine: Section<'machine'>): string[] {
	return ['-object', `memory-backend-memfd,id=mem,size=${machine.ramMiB}M,share=on`];
}

/**
 * The accelerator and CPU. `kvmFd`: the number qemu finds an open /dev/kvm at (passed to us
 * by a service manager), handed over as fd set 1 as upstream does; only used under KVM.
 */
export function acceleratorArgs(machine: Section<'machine'>, kvmFd?: number): string[] {
	const kvm = machine.accelerator === 'kvm';
	const cpu = archTraits(machine.arch)?.cpu ?? 'max';
	const accel =
		kvm && kvmFd !== undefined ? ['-add-fd', `fd=${kvmFd},set=1,opaque=/dev/kvm`, '-accel', 'kvm,device=/dev/fdset/1'] : ['-accel', machine.accelerator];
	return [...accel, '-cpu', cpu];
}
