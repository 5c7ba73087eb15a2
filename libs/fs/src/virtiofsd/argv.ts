import {CliError, errno} from '@vmspawn/cli';
import type {IdMapping} from '@vmspawn/plan';
import type {Virtiofsd} from './locate.js';

export type VirtiofsdRequest = {
	readonly source: string;
	readonly socket: string;
	readonly readOnly: boolean;
	readonly idMapping?: IdMapping | undefined;
	/** virtiofsd will run as root (--uid-map only works unprivileged). */
	readonly asRoot: boolean;
};

// libfuse splits -o values at commas; a backslash escapes a comma or a backslash.
function fuseOptionValue(value: string): string {
	return value.replaceAll('\\', '\\\\').replaceAll(',', '\\,');
}

function cArgv(virtiofsd: Virtiofsd, request: VirtiofsdRequest): string[] {
	if (request.idMapping) {
		throw new CliError(`--private-users= needs a virtiofsd that maps user ids (--translate-uid or --uid-map), but ${virtiofsd.path} is QEMU's C virtiofsd, which cannot; install the Rust virtiofsd`, {exitCode: errno.EOPNOTSUPP});
	}

	// Errors only: at info level it narrates every queue event on the user's terminal.
	return [virtiofsd.path, `--socket-path=${request.socket}`, '-o', `source=${fuseOptionValue(request.source)}`, '-o', 'xattr', '-o', 'log_level=err'];
}

function idMapArgs(virtiofsd: Virtiofsd, mapping: IdMapping, asRoot: boolean): string[] {
	const {shift, range} = mapping;
	if (virtiofsd.features.translateIds) {
		// Guest ids 0.. are host ids shift..; translated by virtiofsd itself, as newer upstream does.
		return ['--translate-uid', `map:0:${shift}:${range}`, '--translate-gid', `map:0:${shift}:${range}`];
	}

	if (virtiofsd.features.namespaceIdMap && !asRoot) {
		return ['--uid-map', `:0:${shift}:${range}:`, '--gid-map', `:0:${shift}:${range}:`];
	}

	const why = virtiofsd.features.namespaceIdMap ? 'has only --uid-map, which virtiofsd refuses when run as root' : 'has neither --translate-uid nor --uid-map';
	throw new CliError(`--private-users= needs a virtiofsd that maps user ids, but ${virtiofsd.path} ${why}; install a newer virtiofsd, one with --translate-uid`, {exitCode: errno.EOPNOTSUPP});
}

function rustArgv(virtiofsd: Virtiofsd, request: VirtiofsdRequest): string[] {
	return [
		virtiofsd.path,
		'--shared-dir', request.source,
		'--socket-path', request.socket,
		'--xattr',
		'--log-level', 'error',
		...(virtiofsd.features.noAnnounceSubmounts ? ['--no-announce-submounts'] : []),
		...(request.readOnly && virtiofsd.features.readOnly ? ['--readonly'] : []),
		...(request.idMapping ? idMapArgs(virtiofsd, request.idMapping, request.asRoot) : []),
	];
}

/**
 * The virtiofsd command for one shared directory. A read-only share is only marked
 * read-only here when the daemon can enforce it; see readOnlyWrapper() otherwise.
 */
export function virtiofsdArgv(virtiofsd: Virtiofsd, request: VirtiofsdRequest): string[] {
	return virtiofsd.features.flavour === 'c' ? cArgv(virtiofsd, request) : rustArgv(virtiofsd, request);
}
