import {realpathSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';

/**
 * Where machined and upstream look for a machine's image (systemd's image search path for
 * machines), in order. They are root's: whatever is there, root put there, so a name found
 * there is trusted as upstream trusts it. No user-writable place is searched.
 */
export const machineSearchDirs: readonly string[] = [
	'/etc/machines',
	'/run/machines',
	'/run/systemd/machines',
	'/var/lib/machines',
	'/var/lib/container',
	'/usr/local/lib/machines',
	'/usr/lib/machines',
];

export type MachineImage = {readonly image: string} | {readonly directory: string};

type Kind = 'directory' | 'disk' | undefined;

function kindOf(path: string): Kind {
	try {
		const stats = statSync(path);
		return stats.isDirectory() ? 'directory' : stats.isFile() || stats.isBlockDevice() ? 'disk' : undefined;
	} catch {
		return undefined;
	}
}

function resolveLink(path: string): string {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
}

/**
 * -M NAME without -i or -D: the directory NAME or the disk image NAME.raw in the first search
 * directory that has either, as upstream's image_find(), links resolved. The name has been checked to be a valid
 * machine name (a host name: no '/', no '..'), so it cannot step out of the search directories.
 */
export function findMachineImage(name: string, dirs: readonly string[] = machineSearchDirs, kind: (path: string) => Kind = kindOf): MachineImage {
	if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name) || name.includes('..')) {
		// Callers pass a checked machine name; this keeps a library caller's from leaving the directories.
		throw new CliError(`invalid --machine=${name}: not a machine name to look an image up by`, {exitCode: errno.EINVAL});
	}

	for (const dir of dirs) {
		// The target of a link (machinectl link makes them): virtiofsd refuses to share a link itself.
		const directory = join(dir, name);
		if (kind(directory) === 'directory') {
			return {directory: resolveLink(directory)};
		}

		const image = join(dir, `${name}.raw`);
		if (kind(image) === 'disk') {
			return {image: resolveLink(image)};
		}
	}

	throw new CliError(
		`no image for machine '${name}': neither a directory ${name} nor an image ${name}.raw in ${dirs.join(', ')}; give --image= or --directory=`,
		{exitCode: errno.ENOENT},
	);
}
