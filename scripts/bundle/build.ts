// Bundles each tool into one file, tools/<tool>/dist/<tool>.bundle.cjs, which its bin loads:
// resolving and compiling a few hundred small modules was most of a tool's start-up time.
// `node --import=tsx scripts/bundle/build.ts [TOOL...]` bundles the named tools, or all five.
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import Module from 'node:module';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {lazyBuiltins} from './lazy-builtins.js';
import {lazyMeow} from './lazy-meow.js';
import {noTopLevelAwait} from './no-top-level-await.js';
import {warmCodeCaches} from './warm-cache.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Every tool's --version (libs/cli/src/version.ts) is the package's.
const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};
const allTools = ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run'];
const tools = process.argv.length > 2 ? process.argv.slice(2) : allTools;
for (const tool of tools) {
	if (!allTools.includes(tool)) {
		process.stderr.write(`bundle: no tool ${tool} (there are ${allTools.join(', ')})\n`);
		process.exit(2);
	}
}

/**
 * The bundle with its hashbang made a comment (the bin compiles it as it is) and in ASCII: with
 * charset ascii esbuild escapes every string and name, so what is left (a dash in a comment of
 * zod's) is in comments, where a stand-in changes nothing. It is written inside Node's CommonJS
 * wrapper already, as run-bundle.cjs compiles it: wrapping it at each start made a second copy of
 * the 0.8 MB text, which stayed in the heap (0.8 MB of peak RSS). Line numbers stay those of the
 * bundle, as with Node's own wrapper, which shares the first line.
 */
function asciiForLatin1(bundle: string): string {
	const [head, tail] = (Module as unknown as {wrapper: [string, string]}).wrapper;
	return `${head}${bundle.replace(/^#!/, '//').replace(/[^\x00-\x7f]/g, '?')}${tail}`;
}

await Promise.all(
	tools.map(async tool => {
		const outdir = join(root, 'tools', tool, 'dist');
		const outfile = join(outdir, `${tool}.bundle.cjs`);
		rmSync(`${outfile}.v8-cache`, {force: true});
		await build({
			entryPoints: [join(root, 'tools', tool, 'src', 'cli.ts')],
			outfile,
			bundle: true,
			// CommonJS: no ES module loader to start (see no-top-level-await.ts). import() of our own
			// modules (the vsock ioctl) stays lazy: esbuild runs such a module only when it is imported.
			format: 'cjs',
			platform: 'node',
			target: 'node20',
			// Our libraries from their TypeScript sources, as the tests see them.
			conditions: ['@vmspawn/source'],
			// koffi is a native module; dbus-next is loaded only for --register and requires optional modules at run time.
			external: ['koffi', 'dbus-next'],
			// import() of those becomes require(): the bin compiles the bundle with vm.Script (for V8's code cache),
			// whose dynamic import() would need an experimental loader hook that prints a warning.
			supported: {'dynamic-import': false},
			plugins: [noTopLevelAwait, lazyMeow],
			// meow wants import.meta (and reads its url), which CommonJS lacks: the bundle's own stands in.
			// "use strict" first: a banner before esbuild's own directive would leave the whole bundle in sloppy mode.
			banner: {js: '"use strict";\nconst __importMeta = {url: require(\'node:url\').pathToFileURL(__filename).href};'},
			define: {'import.meta': '__importMeta', VMSPAWN_PACKAGE_VERSION: JSON.stringify(version)},
			legalComments: 'none',
			// The bin reads the bundle as Latin-1 (run-bundle.cjs), which is right only for ASCII.
			charset: 'ascii',
			logLevel: 'warning',
		});
		writeFileSync(outfile, asciiForLatin1(lazyBuiltins(readFileSync(outfile, 'utf8'))));
	}),
);

// Runs of the tools make V8's code cache for each bundle (scripts/bundle/run-bundle.cjs), so the first real run is as fast as the rest.
warmCodeCaches(root, tools);
