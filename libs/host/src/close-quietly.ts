import {closeSync} from 'node:fs';

/** Closes an fd on a way out, where one already closed is no error. */
export function closeQuietly(fd: number): void {
	try {
		closeSync(fd);
	} catch {
		// Already closed.
	}
}
