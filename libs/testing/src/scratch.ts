import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * A fresh private directory, removed when the test ends. Keep `prefix` short where
 * sockets go inside: their paths must stay under 108 bytes. A run whose root is this
 * directory keeps its TPM and EFI variable state beside it (--tpm-state=auto,
 * --efi-nvram-state=auto, as upstream): those go too.
 */
export function scratchDir(t: {teardown(fn: () => void): void}, prefix = 'vmspawn-test-'): string {
	const directory = mkdtempSync(join(tmpdir(), prefix));
	t.teardown(() => {
		for (const path of [directory, `${directory}.tpmstate`, `${directory}.efinvramstate`]) {
			rmSync(path, {recursive: true, force: true});
		}
	});
	return directory;
}
