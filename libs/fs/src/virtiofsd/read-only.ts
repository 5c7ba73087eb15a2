import {CliError, errno} from '@vmspawn/cli';

export type ReadOnlyTools = {
	readonly unshare: string;
	readonly mount: string;
	readonly shell: string;
};

// $1 is mount(8), $2 the directory; the rest is the virtiofsd command, exec'd in place.
const script = '"$1" --bind -o ro -- "$2" "$2" && shift 2 && exec "$@"';

/**
 * Runs virtiofsd in a private mount namespace in which the shared directory is a
 * read-only bind mount of itself: for a virtiofsd without --readonly, the kernel
 * refuses the guest's writes (EROFS). The host's mounts are not touched, and the
 * wrapper execs into virtiofsd, so its pid is virtiofsd's.
 */
export function readOnlyWrapper(tools: ReadOnlyTools, directory: string, argv: readonly string[], asRoot: boolean): string[] {
	if (!asRoot) {
		throw new CliError(
			`a read-only share of ${directory} needs root here: this virtiofsd has no --readonly, so it is enforced with a read-only bind mount in a private mount namespace`,
			{exitCode: errno.EPERM},
		);
	}

	return [tools.unshare, '--mount', '--propagation', 'private', '--', tools.shell, '-c', script, 'vmspawn-ro', tools.mount, directory, ...argv];
}
