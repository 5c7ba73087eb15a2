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

/** What each architecture supports, as upstream's compile-time table; keyed by the plan's list so neither can gain an architecture alone. */
export type ArchTraits = {
	readonly machineType: string;
	readonly cpu: string;
	readonly smbios: boolean;
	readonly smm: boolean;
	readonly tpmDevice: string | undefined;
};

const traits: Record<QemuArch, ArchTraits> = {
	x86_64: {machineType: 'q35', cpu: 'max', smbios: true, smm: true, tpmDevice: 'tpm-tis'},
	i386: {machineType: 'q35', cpu: 'max', smbios: true, smm: true, tpmDevice: undefined},
	aarch64: {machineType: 'virt', cpu: 'max', smbios: true, smm: false, tpmDevice: 'tpm-tis-device'},
	arm: {machineType: 'virt', cpu: 'max', smbios: true, smm: false, tpmDevice: undefined},
	riscv64: {machineType: 'virt', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined},
	loongarch64: {machineType: 'virt', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined},
	s390x: {machineType: 's390-ccw-virtio', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined},
	ppc64: {machineType: 'pseries', cpu: 'max', smbios: false, smm: false, tpmDevice: undefined},
};

export function archTraits(arch: string): ArchTraits | undefined {
	return Object.hasOwn(traits, arch) ? traits[arch as QemuArch] : undefined;
}
