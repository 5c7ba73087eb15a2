/** A tool's own lines on stderr, without what qemu and the helpers (virtiofsd, swtpm) write there too. */
export function toolLines(stderr: string, tool = 'vmspawn-run'): string[] {
	return stderr.split('\n').filter(line => line.startsWith(`${tool}:`));
}
