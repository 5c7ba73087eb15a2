import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ExecutionContext} from 'ava';

/** A fresh temporary directory, removed when the test ends. */
export function tempDir(t: ExecutionContext): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-fs-test-'));
	t.teardown(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	return directory;
}
