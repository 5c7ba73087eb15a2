// The host's news, not a test's: where KVM cannot run guests every planned run says so, and -q shows warnings.
const hostWarning = /^vmspawn-run: warning: KVM is not usable /;

/**
 * A tool's own lines on stderr, without what qemu and the helpers (virtiofsd, swtpm) write there too,
 * nor the warning a host without usable KVM gives every run.
 */
export function toolLines(stderr: string, tool = 'vmspawn-run'): string[] {
	return stderr.split('\n').filter(line => line.startsWith(`${tool}:`) && !hostWarning.test(line));
}
