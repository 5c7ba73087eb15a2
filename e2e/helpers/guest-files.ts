import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A newc cpio archive holding the given files, to append as a second initrd. */
export function makeCpio(files: Record<string, string | Uint8Array>): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-e2e-cpio-'));
	// The archive is read by a boot that may outlast the test's own teardown: removed when the worker ends.
	process.once('exit', () => rmSync(directory, {recursive: true, force: true}));
	const tree = join(directory, 'tree');
	mkdirSync(tree);
	for (const [name, content] of Object.entries(files)) {
		writeFileSync(join(tree, name), content);
	}

	const archive = join(directory, 'extra.cpio');
	const cpio = execFileSync('cpio', ['-o', '-H', 'newc', '--quiet'], {cwd: tree, input: `${Object.keys(files).join('\n')}\n`});
	writeFileSync(archive, cpio);
	return archive;
}

/** The kernel command line word that makes the test guest's init run a script. */
export function guestScript(script: string): string {
	return `vmspawn.test.script=${Buffer.from(script).toString('base64')}`;
}
