// A tool's bin runs its bundle only while the bundle is at least as new as the tsc
// output; after someone's `tsc -b` it refuses to start until the next build. On a
// machine others build on, that can happen between two figures, so the bench checks.
import {execFileSync} from 'node:child_process';
import {statSync} from 'node:fs';
import {join} from 'node:path';

const modified = (path: string) => statSync(path, {throwIfNoEntry: false})?.mtimeMs;

/** The tools whose bundle exists but is older than their tsc output. */
export function staleBundles(root: string, tools: readonly string[]): string[] {
	return tools.filter(tool => {
		const bundle = modified(join(root, 'tools', tool, 'dist', `${tool}.bundle.cjs`));
		const compiled = modified(join(root, 'tools', tool, 'dist', 'tsconfig.tsbuildinfo'));
		return bundle !== undefined && compiled !== undefined && compiled > bundle;
	});
}

/** Bundles again when a bundle went stale, so the figures are of what the build makes. */
export function freshenBundles(root: string, tools: readonly string[], log: (line: string) => void): void {
	const stale = staleBundles(root, tools);
	if (stale.length > 0) {
		log(`bench: the bundles of ${stale.join(', ')} are older than the tsc output (a tsc -b since the build); bundling again`);
		execFileSync('npm', ['run', '--silent', 'bundle'], {cwd: root, stdio: ['ignore', 'ignore', 'inherit']});
	}
}
