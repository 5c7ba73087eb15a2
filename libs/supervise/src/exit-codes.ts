/**
 * Exit statuses of vmspawn-run besides the guest's own status and errno codes
 * for bad input; documented in docs/vmspawn-run.md.
 */
export const launcherExitCodes = {
	/** The guest's kernel panicked (qemu's pvpanic device told us); 124 is left out, it is timeout(1)'s. */
	guestPanicked: 123,
	/** qemu exited with a non-zero status (bad argument, failed to start). */
	qemuFailed: 125,
	/** A helper process (swtpm, virtiofsd, ...) failed to start or died. */
	helperFailed: 126,
	/** qemu or the launcher was ended by signal N: 128 + N. */
	signalBase: 128,
} as const;
