// meow's bundled dependencies evaluate normalize-package-data (with spdx license tables,
// semver, hosted-git-info) and @babel/code-frame as soon as meow is imported: ~15 ms of
// every start. We never let meow normalise a package.json (libs/cli passes `pkg`) nor
// show a JSON parse error, so both are made lazy in the bundles. A left-over
// `promisify(execFile)` whose result nobody keeps loads child_process (and net, ~5 ms)
// in every tool, even for --help: it goes.
import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

const patches: ReadonlyArray<{readonly find: string; readonly replace: string}> = [
	{
		find: 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
		replace: 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
	},
	{
		find: 'var libExports = requireLib$1();',
		replace: 'var libExports = {codeFrameColumns: (...args) => requireLib$1().codeFrameColumns(...args)};',
	},
	{
		find: '\npromisify(execFile);\n',
		replace: '\n',
	},
];

/** Rewrites meow/build/dependencies.js; fails the build if meow changed so a patch no longer fits. */
export const lazyMeow: Plugin = {
	name: 'lazy-meow',
	setup(build) {
		build.onLoad({filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/}, async ({path}) => {
			let contents = await readFile(path, 'utf8');
			for (const {find, replace} of patches) {
				if (contents.split(find).length !== 2) {
					throw new Error(`lazy-meow: "${find.split('\n')[0]}" is not in ${path} exactly once; update scripts/bundle/lazy-meow.ts for this meow`);
				}

				contents = contents.replace(find, () => replace);
			}

			return {contents, loader: 'js'};
		});
	},
};
