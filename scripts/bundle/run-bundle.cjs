'use strict';
// Starts a tool for its bin file: the one-file bundle `npm run build` makes, compiled with
// V8's code cache kept next to it. Without a bundle, or with one older than the last `tsc -b`
// (sources changed since it was made), it says in one line what to run and exits 1: the tsc
// output it once fell back to starts four times slower, silently. CommonJS, like the bundle:
// Node then starts no ES module loader.
const {readFileSync, renameSync, statSync, writeFileSync} = require('node:fs');
const {createRequire, wrap, wrapper} = require('node:module');
const {dirname, join, relative} = require('node:path');

const modified = file => statSync(file, {throwIfNoEntry: false})?.mtimeMs;

// Compiling the bundle was a fifth of a tool's start-up; with the cache V8 skips most of it.
function runWithCodeCache(file) {
	const vm = require('node:vm');
	const cacheFile = `${file}.v8-cache`;
	// V8 checks little more than the source's length, so a cache older than the bundle is never offered.
	const fresh = modified(cacheFile) >= modified(file);
	let cachedData = fresh ? readFileSync(cacheFile) : undefined;
	// Latin-1: the build writes the bundle in ASCII, and Latin-1 decoding makes one string where UTF-8
	// and the hashbang's replacement made three of 0.8 MB (3 MB less peak RSS). The build writes it
	// inside the CommonJS wrapper, with the hashbang a comment (line numbers in stack traces stay right),
	// so it is compiled as it is read; a bundle made otherwise is wrapped here.
	const text = readFileSync(file, 'latin1');
	const source = text.startsWith(wrapper[0]) ? text : wrap(text.startsWith('#!') ? `//${text.slice(2)}` : text);
	// The bundle has no import() (see build.ts), so the script needs no dynamic import hook.
	const script = new vm.Script(source, {filename: file, cachedData});
	const madeWithoutCache = cachedData === undefined || script.cachedDataRejected;
	// V8 has taken what it needs: the 0.5 MB buffer may go at the next scavenge, not after the whole start-up.
	cachedData = undefined;
	if (madeWithoutCache) {
		// Written at exit, when what start-up needed has been compiled too; a read-only install just goes without.
		process.once('exit', () => {
			try {
				const temporary = `${cacheFile}.${process.pid}`;
				writeFileSync(temporary, script.createCachedData());
				renameSync(temporary, cacheFile);
			} catch {}
		});
	}

	const module_ = {exports: {}, filename: file, id: file, loaded: false, children: [], paths: []};
	script.runInThisContext().call(module_.exports, module_.exports, createRequire(file), module_, file, dirname(file));
}

// Files of one build may be written moments apart in either order (a build cache restoring dist/, say).
const sameBuildMs = 1000;

/** Why the bundle cannot be run as it is, or undefined when it can. */
function bundleProblem(dist, bundle) {
	const bundleTime = modified(bundle);
	if (bundleTime === undefined) {
		return 'is not built';
	}

	return modified(join(dist, 'tsconfig.tsbuildinfo')) > bundleTime + sameBuildMs ? 'is older than the last tsc -b' : undefined;
}

module.exports = function runTool(binDir, tool) {
	const dist = join(binDir, '..', 'dist');
	const bundle = join(dist, `${tool}.bundle.cjs`);
	const problem = bundleProblem(dist, bundle);
	if (problem === undefined) {
		// V8 doubles the young generation after a scavenge that keeps much alive, and start-up keeps much
		// alive: 2 MiB more of a run's peak memory, never given back. A tool's young objects die young
		// (plan data, messages), so it stays at its first size. The flag is read at each growth, so setting
		// it now works (unlike the sizes themselves, fixed when the heap was made); CPU time is unchanged.
		require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
		runWithCodeCache(bundle);
		return;
	}

	// The repository the bin belongs to: tools/TOOL/bin/../../..
	const root = join(binDir, '..', '..', '..');
	process.stderr.write(`${tool}: ${relative(root, bundle)} ${problem}; run \`npm run build\` in ${root}\n`);
	process.exitCode = 1;
};
