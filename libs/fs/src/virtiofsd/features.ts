/** Which virtiofsd is installed and what it can do, as read from its --help text. */
export type VirtiofsdFeatures = {
	/** c: QEMU's C virtiofsd (up to QEMU 7.2, Debian bookworm); rust: the virtio-fs/virtiofsd project. */
	readonly flavour: 'c' | 'rust';
	/** --readonly: refuses writes from the guest itself. */
	readonly readOnly: boolean;
	/** --translate-uid/--translate-gid: id mapping done inside virtiofsd (works as root). */
	readonly translateIds: boolean;
	/** --uid-map/--gid-map: id mapping through a user namespace (only when not run as root). */
	readonly namespaceIdMap: boolean;
	/** --no-announce-submounts exists, so submount announcement can be turned off as upstream does. */
	readonly noAnnounceSubmounts: boolean;
};

const option = (help: string, name: string) => new RegExp(`(^|\\s)${name}(?=[\\s=,<]|$)`, 'm').test(help);

/**
 * Tells the two implementations apart by their option syntax: the C one takes
 * FUSE-style `-o source=PATH`, the Rust one `--shared-dir`. Undefined: neither.
 */
export function parseVirtiofsdHelp(help: string): VirtiofsdFeatures | undefined {
	if (option(help, '--shared-dir')) {
		return {
			flavour: 'rust',
			readOnly: option(help, '--readonly'),
			translateIds: option(help, '--translate-uid') && option(help, '--translate-gid'),
			namespaceIdMap: option(help, '--uid-map') && option(help, '--gid-map'),
			noAnnounceSubmounts: option(help, '--no-announce-submounts'),
		};
	}

	if (/-o source=/.test(help) && option(help, '--socket-path')) {
		// The C daemon has neither a read-only mode nor id mapping.
		return {flavour: 'c', readOnly: false, translateIds: false, namespaceIdMap: false, noAnnounceSubmounts: false};
	}

	return undefined;
}
