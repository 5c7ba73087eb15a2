import {CliError, errno} from '@vmspawn/cli';
import {findBinary} from '@vmspawn/host';
import type {UserDb} from './bind-user.js';
import {lookupHostGroup, lookupHostUser} from './host-users.js';
import {type Virtiofsd, locateVirtiofsd} from './virtiofsd/locate.js';
import type {ReadOnlyTools} from './virtiofsd/read-only.js';

/** What planning shares needs from the host; looked up only when a share is asked for. */
export type FsHost = {
	virtiofsd(): Virtiofsd;
	readOnlyTools(): ReadOnlyTools;
	/** The helpers will run as root (vmspawn-run runs them as the user that plans). */
	readonly asRoot: boolean;
	/** The host's users and groups, for --bind-user=. */
	readonly users: UserDb;
};

function requireBinary(name: string, fallbacks: readonly string[], env: NodeJS.ProcessEnv): string {
	const path = findBinary(name, fallbacks, env);
	if (path === undefined) {
		throw new CliError(`cannot find ${name} on $PATH, needed to make a share read-only (Debian: apt-get install util-linux mount)`, {exitCode: errno.ENOENT});
	}

	return path;
}

export function realFsHost(env: NodeJS.ProcessEnv = process.env): FsHost {
	let virtiofsd: Virtiofsd | undefined;
	return {
		virtiofsd() {
			virtiofsd ??= locateVirtiofsd(env);
			return virtiofsd;
		},
		readOnlyTools: () => ({
			unshare: requireBinary('unshare', ['/usr/bin/unshare'], env),
			mount: requireBinary('mount', ['/usr/bin/mount', '/bin/mount'], env),
			shell: requireBinary('sh', ['/bin/sh'], env),
		}),
		asRoot: process.geteuid?.() === 0,
		users: {user: lookupHostUser, group: lookupHostGroup},
	};
}
