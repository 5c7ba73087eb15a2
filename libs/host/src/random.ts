import {closeSync, openSync, readSync} from 'node:fs';

/**
 * `count` random bytes from the kernel's generator, read from /dev/urandom as node:crypto's
 * randomBytes() gets them from getrandom(). Loading node:crypto costs a start about 5 ms of CPU
 * (some twenty internal modules), which a run that needs only a random name pays for nothing.
 */
export function kernelRandomBytes(count: number): Buffer {
	const bytes = Buffer.alloc(count);
	const fd = openSync('/dev/urandom', 'r');
	try {
		for (let filled = 0; filled < count; ) {
			const read = readSync(fd, bytes, filled, count - filled, null);
			if (read === 0) {
				throw new Error('/dev/urandom ended');
			}

			filled += read;
		}
	} finally {
		closeSync(fd);
	}

	return bytes;
}
