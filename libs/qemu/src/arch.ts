import type {QemuArch} from '@vmspawn/plan';

/** Node's process.arch to qemu's architecture name (qemu-system-<arch>). */
const qemuArchByNodeArch: Record<string, QemuArch> = {
	x64: 'x86_64',
	arm64: 'aarch64',
	arm: 'arm',
	ia32: 'i386',
	loong64: 'loongarch64',
	ppc64: 'ppc64',
	riscv64: 'riscv64',
	s390x: 's390x',
};

export function hostQemuArch(nodeArch: string = process.arch): QemuArch | undefined {
	return qemuArchByNodeArch[nodeArch];
}

/**
 * What each architecture supports, as upstream's compile-time table; keyed by the plan's list so neither can gain an architecture alone.
 * The x86-64 CPU carries upstream's Hyper-V enlightenments under any accelerator, as upstream (#ifdef __x86_64__);
 * under TCG qemu ignores them (a TCG guest boots the same, e2e/test/machine.test.ts).
 */
export type ArchTraits = {
	readonly machineType: string;
	readonly cpu: string;
	readonly smbios: boolean;
	readonly smm: boolean;
	readonly tpmDevice: string | undefined;
	/** qemu's vmgenid device (ACPI), which upstream adds on x86 only. */
	readonly vmgenid: boolean;
	/** The guest's name for the platform serial port -serial connects (upstream: ttyAMA0 on arm, else ttyS0). */
	readonly serialConsole: string;
};

const traits: Record<QemuArch, ArchTraits> = {
	x86_64: {machineType: 'q35', cpu: 'max,hv_relaxed,hv-vapic,hv-time', smbios: true, smm: true, tpmDevice: 'tpm-tis', vmgenid: true, serialConsole: 'ttyS0'},
	i386: {machineType: 'q35', cpu: 'max', smbios: true, smm: true, tpmDevice: undefined, vmgenid: true, serialConsole: 'ttyS0'},
	aarch64: {machineType: 'virt', cpu: 'max', smbios: true, smm: false, tpmDevice: 'tpm-tis-device', vmgenid: false, serialConsole: 'ttyAMA0'},
	arm: {machineType: 'virt', cpu: 'max', smbios: true, smm: false, tpmDevice: undefined, vmgenid: false, serialConsole: 'ttyAMA0'},
	riscv64: {machineType: 'virt', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined, vmgenid: false, serialConsole: 'ttyS0'},
	loongarch64: {machineType: 'virt', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined, vmgenid: false, serialConsole: 'ttyS0'},
	s390x: {machineType: 's390-ccw-virtio', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined, vmgenid: false, serialConsole: 'ttyS0'},
	ppc64: {machineType: 'pseries', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined, vmgenid: false, serialConsole: 'ttyS0'},
};

export function archTraits(arch: string): ArchTraits | undefined {
	return Object.hasOwn(traits, arch) ? traits[arch as QemuArch] : undefined;
}
