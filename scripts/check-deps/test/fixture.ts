import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';

/** A directory holding `files` (path → contents; objects are written as JSON), removed by the OS's tmp clean-up. */
export function fixture(files: Record<string, string | object>): string {
	const root = mkdtempSync(join(tmpdir(), 'check-deps-'));
	for (const [path, contents] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), {recursive: true});
		writeFileSync(join(root, path), typeof contents === 'string' ? contents : JSON.stringify(contents));
	}
	return root;
}
