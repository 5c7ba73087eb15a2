/** The kernel command line words that mount the shared directory as the root file system. */
export const directoryRootArgs: readonly string[] = ['root=root', 'rootfstype=virtiofs', 'rw'];

/**
 * systemd's xescape(): control characters, non-ASCII bytes, backslashes and the
 * `bad` characters become \xNN, which systemd's fstab-generator decodes again.
 */
export function xescape(text: string, bad: string): string {
	let result = '';
	for (const byte of Buffer.from(text, 'utf8')) {
		const character = String.fromCodePoint(byte);
		result += byte < 0x20 || byte >= 0x7f || character === '\\' || bad.includes(character) ? `\\x${byte.toString(16).padStart(2, '0')}` : character;
	}

	return result;
}

/** One `systemd.mount-extra=` word: the guest mounts the virtiofs tag at the target. */
export function mountExtraArg(tag: string, target: string, readOnly: boolean): string {
	return `systemd.mount-extra="${tag}:${xescape(target, '":')}:virtiofs:${readOnly ? 'ro' : 'rw'}"`;
}
