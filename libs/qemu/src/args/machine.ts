import type {Section} from '@vmspawn/plan';
import {archTraits} from '../arch.js';
import {keyValues} from '../escape.js';

export type MachineOptions = {
	/** From the firmware: Secure Boot or requires-smm firmware needs SMM. */
	readonly smm: boolean;
	/** virtiofs needs guest memory in a shared memory backend. */
	readonly sharedMemory: boolean;
};

export function machineArgs(machine: Section<'machine'>, options: MachineOptions): string[] {
	const traits = archTraits(machine.arch);
	return [
		'-machine',
		keyValues([
			['type', machine.type],
			['smm', traits?.smm ? options.smm : undefined],
			['memory-backend', options.sharedMemory ? 'mem' : undefined],
		]),
		'-smp', machine.cpus,
		'-m', `${machine.ramMiB}M`,
		'-object', 'rng-random,filename=/dev/urandom,id=rng0',
		'-device', 'virtio-rng-pci,rng=rng0,id=rng-device0',
		'-device', 'virtio-balloon,free-page-reporting=on',
		...(machine.uuid ? ['-uuid', machine.uuid] : []),
	];
}

export function sharedMemoryArgs(machine: Section<'machine'>): string[] {
	return ['-object', `memory-backend-memfd,id=mem,size=${machine.ramMiB}M,share=on`];
}

export function acceleratorArgs(machine: Section<'machine'>): string[] {
	// Hyper-V enlightenments only help (and only work) under KVM.
	const cpu = machine.arch === 'x86_64' && machine.accelerator === 'kvm' ? 'max,hv_relaxed,hv-vapic,hv-time' : archTraits(machine.arch)?.cpu ?? 'max';
	return ['-accel', machine.accelerator, '-cpu', cpu];
}
