import {renameSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {createExclusiveFileSync, readOwnFile} from '@vmspawn/host';
import {type VmStatus, VmStatusSchema} from '@vmspawn/plan';

/** The status document's name inside a run's runtime directory. */
export const statusFileName = 'status.json';

export function statusFilePath(runtimeDir: string): string {
	return join(runtimeDir, statusFileName);
}

/**
 * Replaces the status file atomically (temporary file, then rename), so a
 * reader sees the old document or the new one, never half of one. Written
 * synchronously: it is tiny, and successive states then land in order.
 * 0644 is enough: the runtime directory (0700) already keeps others out, and
 * the document holds no secrets. The temporary file is created exclusively,
 * never through a symlink; one left by an interrupted write is unlinked first.
 */
export function writeStatusFile(runtimeDir: string, status: VmStatus): void {
	const target = statusFilePath(runtimeDir);
	const temporary = `${target}.tmp`;
	rmSync(temporary, {force: true});
	createExclusiveFileSync(temporary, `${JSON.stringify(status, null, '\t')}\n`, 0o644);
	renameSync(temporary, target);
}

/**
 * The run's status, or undefined when it has none yet, it is not a status this
 * code can read, or it is not our own regular file (a symlink, another user's).
 */
export function readStatusFile(runtimeDir: string): VmStatus | undefined {
	const text = readOwnFile(statusFilePath(runtimeDir));
	let value: unknown;
	try {
		value = text === undefined ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}

	const parsed = VmStatusSchema.safeParse(value);
	return parsed.success ? parsed.data : undefined;
}
