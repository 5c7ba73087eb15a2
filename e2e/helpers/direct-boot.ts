/**
 * The kernel words every e2e boot ends its options with: `quiet`, and `no_timer_check`,
 * because on a loaded TCG host the kernel's early IO-APIC timer check can fail and panic,
 * which `quiet` makes silent. Anything after the first kernel word goes to the kernel.
 */
export const guestKernelWords: readonly string[] = ['quiet', 'no_timer_check'];

/** vmspawn-run's options that boot the tiny test guest in `guest` directly: its kernel and initrd, no firmware. */
export function tinyGuestBoot(guest: string): string[] {
	return [`--linux=${guest}/vmlinuz`, `--initrd=${guest}/initrd.img`, '--firmware=none'];
}
