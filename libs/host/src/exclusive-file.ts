import {type Stats, closeSync, constants, fchmodSync, fstatSync, openSync, readFileSync, writeSync} from 'node:fs';
import {open} from 'node:fs/promises';

// Never an existing file, never through a symlink: whatever another user planted makes creation fail.
const createFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Creates `path` with exactly `mode` (not narrowed by the umask) and writes `content`; an existing file or symlink there is an error. */
export async function createExclusiveFile(path: string, content: string | Uint8Array, mode: number): Promise<void> {
	const handle = await open(path, createFlags, mode);
	try {
		await handle.chmod(mode);
		await handle.writeFile(content);
	} finally {
		await handle.close();
	}
}

/** createExclusiveFile, synchronously (for writes that must land in order). */
export function createExclusiveFileSync(path: string, content: string | Uint8Array, mode: number): void {
	const fd = openSync(path, createFlags, mode);
	try {
		fchmodSync(fd, mode);
		const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
		for (let written = 0; written < bytes.length; ) {
			written += writeSync(fd, bytes, written);
		}
	} finally {
		closeSync(fd);
	}
}

/**
 * The text of a regular file owned by `uid`, opened without following a
 * symlink (and not blocking on a fifo); undefined when it is missing, a link, not a file, or someone else's.
 */
export function readOwnFile(path: string, uid: number = process.getuid?.() ?? 0): string | undefined {
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	} catch {
		return undefined;
	}

	try {
		const status = fstatSync(fd);
		if (!status.isFile() || status.uid !== uid) {
			return undefined;
		}

		return readFileSync(fd, 'utf8');
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

/**
 * Sets the mode of a file or directory of ours through a descriptor opened with
 * O_NOFOLLOW, so a symlink put in its place is never followed (ELOOP), and
 * someone else's is refused (EPERM) even to root; returns what fstat saw before.
 */
export function chmodOwnNoFollow(path: string, mode: number, uid: number = process.getuid?.() ?? 0): Stats {
	const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	try {
		const status = fstatSync(fd);
		if (status.uid !== uid) {
			throw Object.assign(new Error(`${path} is owned by uid ${status.uid}, not by uid ${uid}`), {code: 'EPERM'});
		}

		fchmodSync(fd, mode);
		return status;
	} finally {
		closeSync(fd);
	}
}
