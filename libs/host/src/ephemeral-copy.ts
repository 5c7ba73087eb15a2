import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {lstatSync, rmSync, statfsSync} from 'node:fs';
import {basename, dirname, isAbsolute, join, normalize} from 'node:path';
import {readOwnFile} from './exclusive-file.js';
import {findBinary} from './find-binary.js';

/**
 * --ephemeral with a directory root: the guest gets a copy made beside the directory (on
 * its file system, so blocks can be shared by reflink), as upstream puts its snapshot
 * beside it. The run records the copy in its runtime directory before filling it, so
 * the copy goes with the runtime directory: at exit, or in the stale-run sweep when
 * the run was killed.
 */
export const ephemeralCopyRecord = 'ephemeral-copy';

const copyNamePattern = /^\.#vmspawn\..+\.[\da-f]{16}$/;

/** A fresh name for the copy of `directory`: `.#vmspawn.NAME.<16 hex>` beside it. */
export function ephemeralCopyPath(directory: string): string {
	return join(dirname(directory), `.#vmspawn.${basename(directory)}.${randomBytes(8).toString('hex')}`);
}

/** Whether `copy` is a name ephemeralCopyPath() gives, beside `directory` when that is given. */
export function isEphemeralCopyPath(copy: string, directory?: string): boolean {
	if (!isAbsolute(copy) || normalize(copy) !== copy || !copyNamePattern.test(basename(copy))) {
		return false;
	}

	return directory === undefined || (dirname(copy) === dirname(directory) && basename(copy).startsWith(`.#vmspawn.${basename(directory)}.`));
}

/**
 * Removes the copy a runtime directory records, if it is one: the record our own
 * regular file, the path of the copy's form, a real directory (never a symlink).
 * Returns the copy removed.
 */
export function removeRecordedCopy(runtimeDir: string): string | undefined {
	const copy = readOwnFile(join(runtimeDir, ephemeralCopyRecord))?.trim();
	if (copy === undefined || !isEphemeralCopyPath(copy)) {
		return undefined;
	}

	const status = lstatSync(copy, {throwIfNoEntry: false});
	if (!status?.isDirectory()) {
		return undefined;
	}

	if (!deleteSnapshot(copy, status.ino)) {
		// rm removes symlinks inside rather than following them.
		rmSync(copy, {recursive: true, force: true, maxRetries: 2});
	}

	return copy;
}

/** A btrfs snapshot goes at once with `btrfs subvolume delete`, where rm visits every file. */
function deleteSnapshot(copy: string, inode: number): boolean {
	const btrfs =
		inode === 256 && statfsSync(copy).type === 0x91_23_68_3e ? findBinary('btrfs', ['/usr/bin/btrfs', '/usr/sbin/btrfs', '/sbin/btrfs']) : undefined;
	return btrfs !== undefined && spawnSync(btrfs, ['subvolume', 'delete', '--', copy], {stdio: 'ignore', timeout: 60_000}).status === 0;
}
