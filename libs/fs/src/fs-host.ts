import {CliError, errno} from '@vmspawn/cli';
import type {Host} from '@vmspawn/host';
import type {UserDb} from './bind-user.js';
import {lookupHostGroup, lookupHostUser} from './host-users.js';
import {type Virtiofsd, locateVirtiofsd} from './virtiofsd/locate.js';
import type {ReadOnlyTools} from './virtiofsd/read-only.js';

/** What planning shares needs from the host (a view of the one Host); looked up only when a share is asked for. */
export type FsHost = {
	virtiofsd(): Virtiofsd;
	readOnlyTools(): ReadOnlyTools;
	/** The helpers will run as root (vmspawn-run runs them as the user that plans). */
	readonly asRoot: boolean;
	/** The host's users and groups, for --bind-user=. */
	readonly users: UserDb;
};

function requireBinary(host: Host, name: string, fallbacks: readonly string[], env: NodeJS.ProcessEnv): string {
	const path = host.findBinary(name, fallbacks, env);
	if (path === undefined) {
		throw new CliError(`cannot find ${name} on $PATH, needed to make a share read-only (Debian: apt-get install util-linux mount)`, {exitCode: errno.ENOENT});
	}

	return path;
}

export function fsHost(host: Host, env: NodeJS.ProcessEnv): FsHost {
	let virtiofsd: Virtiofsd | undefined;
	return {
		virtiofsd() {
			virtiofsd ??= locateVirtiofsd(env, host);
			return virtiofsd;
		},
		readOnlyTools: () => ({
			unshare: requireBinary(host, 'unshare', ['/usr/bin/unshare'], env),
			mount: requireBinary(host, 'mount', ['/usr/bin/mount', '/bin/mount'], env),
			shell: requireBinary(host, 'sh', ['/bin/sh'], env),
		}),
		asRoot: host.euid === 0,
		users: {user: name => lookupHostUser(name, host.runSync), group: gid => lookupHostGroup(gid, host.runSync)},
	};
}
