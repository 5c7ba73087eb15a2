/** The qemu binary names to look for, most preferred first, as upstream searches. */
export function qemuBinaryCandidates(arch: string): string[] {
	return ['qemu', 'qemu-kvm', `qemu-system-${arch}`];
}
