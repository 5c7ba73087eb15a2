/** Architectures whose qemu machine has PCI and builds the pvpanic-pci device. */
const pvpanicArches = new Set(['x86_64', 'i386', 'aarch64']);

/**
 * A pvpanic device: a guest kernel that panics tells qemu, which reports
 * GUEST_PANICKED over QMP and stops the VM (qemu's default panic action), where
 * the guest would otherwise sit in its panic loop forever.
 */
export function panicDeviceArgs(arch: string): string[] {
	return pvpanicArches.has(arch) ? ['-device', 'pvpanic-pci'] : [];
}
