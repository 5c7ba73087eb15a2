/** Runs a command to its end; @vmspawn/host's runCommand fits. */
export type RunForStderr = (argv: readonly string[], options?: {readonly timeoutMs?: number}) => Promise<{readonly stderr: string}>;

/**
 * Whether this qemu can be handed an open /dev/kvm (`-accel kvm,device=/dev/fdset/N`).
 * Older qemu (7.2 in Debian 12) has no such property and says so before touching any
 * device, so asking costs one short qemu start, made only when a kvm fd was passed.
 */
export async function qemuTakesKvmDevice(binary: string, run: RunForStderr): Promise<boolean> {
	const result = await run([binary, '-accel', 'kvm,device=/dev/null', '-machine', 'none', '-display', 'none', '-S', '-nodefaults'], {timeoutMs: 10_000});
	return !/Property '[\w-]*\.device' not found/.test(result.stderr);
}
