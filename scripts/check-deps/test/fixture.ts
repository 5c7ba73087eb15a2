import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';

// Every fixture of this test process, removed when it exits.
const made = new Set<string>();
process.once('exit', () => {
	for (const root of made) {
		rmSync(root, {recursive: true, force: true});
	}
});

/** A directory holding `files` (path → contents; objects are written as JSON), removed when the test process exits. */
export function fixture(files: Record<string, string | object>): string {
	const root = mkdtempSync(join(tmpdir(), 'check-deps-'));
	made.add(root);
	for (const [path, contents] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), {recursive: true});
		writeFileSync(join(root, path), typeof contents === 'string' ? contents : JSON.stringify(contents));
	}
	return root;
}
