// The bundles are CommonJS: a CommonJS entry spares Node its ES module loader, ~15 ms
// of every start. CommonJS has no top-level await, so a tool's `await runCli(...)` in
// src/cli.ts becomes a call whose end is watched: if the process ends while it is still
// pending and no status was set, the status is 13, as Node gives an unsettled top-level await.
import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

// The last statement of every tool's src/cli.ts.
const statement = /\nawait runCli\(([\s\S]*)\);\s*$/;

function watched(args: string): string {
	return `
const settled = {done: false};
process.once('exit', () => {
	if (!settled.done && process.exitCode === undefined) {
		process.stderr.write('Warning: Detected unsettled top-level await\\n');
		process.exitCode = 13;
	}
});
// runCli never rejects: it is the top-level catch.
void runCli(${args}).finally(() => {
	settled.done = true;
});
`;
}

/** Rewrites the entry point tools/TOOL/src/cli.ts; fails the build if it no longer awaits runCli(). */
export const noTopLevelAwait: Plugin = {
	name: 'no-top-level-await',
	setup(build) {
		build.onLoad({filter: /[\\/]tools[\\/][^\\/]+[\\/]src[\\/]cli\.ts$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const match = statement.exec(source);
			if (!match) {
				throw new Error(`${path}: its last statement is not "await runCli(...);", which the CommonJS bundle rewrites (scripts/bundle/no-top-level-await.ts)`);
			}

			return {contents: source.slice(0, match.index) + watched(match[1]!), loader: 'ts'};
		});
	},
};
