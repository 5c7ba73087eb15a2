import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
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
 * the document holds no secrets.
 */
export function writeStatusFile(runtimeDir: string, status: VmStatus): void {
	const target = statusFilePath(runtimeDir);
	const temporary = `${target}.tmp`;
	writeFileSync(temporary, `${JSON.stringify(status, null, '\t')}\n`, {mode: 0o644});
	renameSync(temporary, target);
}

/** The run's status, or undefined when it has none yet or it is not a status this code can read. */
export function readStatusFile(runtimeDir: string): VmStatus | undefined {
	let value: unknown;
	try {
		value = JSON.parse(readFileSync(statusFilePath(runtimeDir), 'utf8'));
	} catch {
		return undefined;
	}

	const parsed = VmStatusSchema.safeParse(value);
	return parsed.success ? parsed.data : undefined;
}
