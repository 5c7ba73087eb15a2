import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * A fresh private directory, removed when the test ends. Keep `prefix` short where
 * sockets go inside: their paths must stay under 108 bytes.
 */
export function scratchDir(t: {teardown(fn: () => void): void}, prefix = 'vmspawn-test-'): string {
	const directory = mkdtempSync(join(tmpdir(), prefix));
	t.teardown(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	return directory;
}
