import {closeSync, constants, fstatSync, opendirSync, openSync, readSync} from 'node:fs';
import {CliError, errno} from '@vmspawn/cli';

// Bounds on what the host reads of a guest's tree: a hostile guest can write any
// amount, and boot loader files are a few hundred bytes.
export const maxGuestFileBytes = 64 * 1024;
export const maxEntriesPerDirectory = 1024;
/** Room for a machine id, a long kernel version and boot counting; real ids are under 100. */
export const maxGuestNameLength = 200;
// How many directory entries are looked at before giving up on finding more that match.
const maxDirentsScanned = 16 * 1024;

/**
 * The text of a regular file of the guest's, at most `limit` bytes. Opened
 * without following a link and without blocking (a FIFO would hang the host);
 * anything but a regular file, or a larger one, is refused.
 */
export function readGuestText(path: string, limit = maxGuestFileBytes): string {
	const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) {
			throw new CliError(`${path} is not a regular file`, {exitCode: errno.EINVAL});
		}

		if (stats.size > limit) {
			throw new CliError(`${path} is larger than ${limit / 1024} KiB`, {exitCode: errno.EFBIG});
		}

		const buffer = Buffer.alloc(limit);
		let length = 0;
		for (let read = -1; read !== 0 && length < limit; length += read) {
			read = readSync(fd, buffer, length, limit - length, length);
		}

		return buffer.toString('utf8', 0, length);
	} finally {
		closeSync(fd);
	}
}

/**
 * Names in a guest's directory ending in `suffix`, sorted: at most
 * `maxEntriesPerDirectory` of them, none longer than `maxGuestNameLength`, and
 * the directory read only so far (millions of entries cost the host nothing).
 */
export function listGuestDirectory(directory: string, suffix: string): string[] {
	const names: string[] = [];
	const handle = opendirSync(directory);
	try {
		for (let scanned = 0; scanned < maxDirentsScanned && names.length < maxEntriesPerDirectory; scanned++) {
			const dirent = handle.readSync();
			if (dirent === null) {
				break;
			}

			if (dirent.name.endsWith(suffix) && dirent.name.length <= maxGuestNameLength) {
				names.push(dirent.name);
			}
		}
	} finally {
		handle.closeSync();
	}

	return names.sort();
}
