import {lstat, mkdir} from 'node:fs/promises';
import {chmodOwnNoFollow, createExclusiveFile} from '@vmspawn/host';

/**
 * Creates `dir` with mode 0700. With `fresh`, it must not exist yet (nothing of
 * someone else's is reused); otherwise an existing real directory is accepted
 * and made 0700. mkdir never follows a symlink in the last component.
 */
export async function privateDir(dir: string, fresh: boolean): Promise<void> {
	try {
		await mkdir(dir, {mode: 0o700});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || fresh) {
			throw error;
		}

		if (!(await lstat(dir)).isDirectory()) {
			throw Object.assign(new Error(`${dir} is not a directory`), {code: 'ENOTDIR'});
		}
	}

	// mkdir's mode passes through the umask; this makes it exact, never through a symlink swapped in.
	chmodOwnNoFollow(dir, 0o700);
}

/** Writes a new file with mode 0600; an existing file or a symlink in its place is an error, never overwritten. */
export async function writePrivateFile(path: string, content: Uint8Array): Promise<void> {
	await createExclusiveFile(path, content, 0o600);
}
