import {readFile} from 'node:fs/promises';
import {build, type Plugin} from 'esbuild';

/** One import (static, dynamic with a literal, require or re-export) of one file. */
export type Import = {file: string; specifier: string; typeOnly: boolean};

// `import type` vanishes when esbuild parses TypeScript, but it still needs the package's
// types (a dependency, and a tsconfig reference): such specifiers are marked to be seen.
const typeOnlyMark = '#check-deps-type-only';
const typeOnlyStatement = /\b(import|export)\s+type\s+((?:\{[^}]*\}|\*\s+as\s+[\w$]+|[\w$]+)\s+from\s*)(['"])([^'"]+)\3/g;

export function markTypeOnly(source: string): string {
	return source.replace(typeOnlyStatement, `$1 $2$3$4${typeOnlyMark}$3`);
}

/** Every import of `files`, found by esbuild's parser (comments, strings and templates cannot fool it). */
export async function importsOf(files: readonly string[]): Promise<Import[]> {
	const found: Import[] = [];
	if (files.length === 0) {
		return found;
	}
	await build({
		entryPoints: [...files],
		bundle: true,
		write: false,
		outdir: 'out',
		platform: 'node',
		format: 'esm',
		logLevel: 'silent',
		// Keeps imports whose names go unused, as tsc does with this setting.
		tsconfigRaw: {compilerOptions: {verbatimModuleSyntax: true}},
		plugins: [recordImports(found)],
	});
	return found;
}

function recordImports(found: Import[]): Plugin {
	return {
		name: 'record-imports',
		setup(plugin) {
			plugin.onLoad({filter: /\.[cm]?ts$/}, async args => ({contents: markTypeOnly(await readFile(args.path, 'utf8')), loader: 'ts'}));
			plugin.onResolve({filter: /.*/}, args => {
				if (args.kind === 'entry-point') {
					return undefined;
				}
				const typeOnly = args.path.endsWith(typeOnlyMark);
				const specifier = typeOnly ? args.path.slice(0, -typeOnlyMark.length) : args.path;
				found.push({file: args.importer, specifier, typeOnly});
				// Every file is an entry point of its own: nothing needs following.
				return {path: args.path, external: true};
			});
		},
	};
}
