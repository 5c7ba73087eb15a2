import {CliError, errno} from '@vmspawn/cli';
import type {Virtiofsd} from './locate.js';

/** Guest ids guest..guest+range-1 are host ids host..host+range-1 (group ids: hostGid.. when given). */
export type IdMap = {
	readonly guest: number;
	readonly host: number;
	readonly hostGid?: number | undefined;
	readonly range: number;
	/** The option that asks for it, for messages: `--private-users=`, `--bind-user=alice`. */
	readonly option: string;
};

export type VirtiofsdRequest = {
	readonly source: string;
	readonly socket: string;
	readonly readOnly: boolean;
	readonly idMap?: IdMap | undefined;
	/** virtiofsd will run as root (--uid-map only works unprivileged). */
	readonly asRoot: boolean;
};

// libfuse splits -o values at commas; a backslash escapes a comma or a backslash.
function fuseOptionValue(value: string): string {
	return value.replaceAll('\\', '\\\\').replaceAll(',', '\\,');
}

function cArgv(virtiofsd: Virtiofsd, request: VirtiofsdRequest): string[] {
	if (request.idMap) {
		throw new CliError(
			`${request.idMap.option} needs a virtiofsd that maps user ids (--translate-uid or --uid-map), but ${virtiofsd.path} is QEMU's C virtiofsd, which cannot; install the Rust virtiofsd`,
			{exitCode: errno.EOPNOTSUPP},
		);
	}

	// Errors only: at info level it narrates every queue event on the user's terminal.
	return [virtiofsd.path, `--socket-path=${request.socket}`, '-o', `source=${fuseOptionValue(request.source)}`, '-o', 'xattr', '-o', 'log_level=err'];
}

/**
 * Root: --translate-uid, done by virtiofsd itself, as upstream 258+ passes it (--uid-map
 * is refused as root). Unprivileged: --uid-map, a user namespace set up with newuidmap,
 * since an unprivileged virtiofsd cannot give files other owners itself.
 */
function idMapArgs(virtiofsd: Virtiofsd, {guest, host, hostGid = host, range, option}: IdMap, asRoot: boolean): string[] {
	const {translateIds, namespaceIdMap} = virtiofsd.features;
	if (namespaceIdMap && !asRoot) {
		return ['--uid-map', `:${guest}:${host}:${range}:`, '--gid-map', `:${guest}:${hostGid}:${range}:`];
	}

	if (translateIds) {
		return ['--translate-uid', `map:${guest}:${host}:${range}`, '--translate-gid', `map:${guest}:${hostGid}:${range}`];
	}

	const why = namespaceIdMap ? 'has only --uid-map, which virtiofsd refuses when run as root' : 'has neither --translate-uid nor --uid-map';
	throw new CliError(`${option} needs a virtiofsd that maps user ids, but ${virtiofsd.path} ${why}; install a newer virtiofsd, one with --translate-uid`, {
		exitCode: errno.EOPNOTSUPP,
	});
}

function rustArgv(virtiofsd: Virtiofsd, request: VirtiofsdRequest): string[] {
	return [
		virtiofsd.path,
		'--shared-dir',
		request.source,
		'--socket-path',
		request.socket,
		'--xattr',
		'--log-level',
		'error',
		...(virtiofsd.features.noAnnounceSubmounts ? ['--no-announce-submounts'] : []),
		...(request.readOnly && virtiofsd.features.readOnly ? ['--readonly'] : []),
		...(request.idMap ? idMapArgs(virtiofsd, request.idMap, request.asRoot) : []),
	];
}

/**
 * The virtiofsd command for one shared directory. A read-only share is only marked
 * read-only here when the daemon can enforce it; see readOnlyWrapper() otherwise.
 */
export function virtiofsdArgv(virtiofsd: Virtiofsd, request: VirtiofsdRequest): string[] {
	return virtiofsd.features.flavour === 'c' ? cArgv(virtiofsd, request) : rustArgv(virtiofsd, request);
}
