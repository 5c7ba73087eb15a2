import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A temporary directory removed when the test ends. */
export function scratchDir(t: {teardown(fn: () => void): void}, prefix = 'vmspawn-e2e-'): string {
	const directory = mkdtempSync(join(tmpdir(), prefix));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	return directory;
}

/** A private copy of a file or tree from the shared guest cache, so a test may let the guest write to it. */
export function privateCopy(source: string, directory: string, name: string): string {
	const target = join(directory, name);
	execFileSync('cp', ['-a', '--sparse=always', source, target]);
	return target;
}
