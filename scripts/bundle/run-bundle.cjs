'use strict';
// Starts a tool for its bin file: the one-file bundle `npm run build` makes, compiled with
// V8's code cache kept next to it, or the tsc output when there is no bundle or `tsc -b` ran
// after it (the tool's tsbuildinfo is newer, so the bundle may be stale). CommonJS, like the
// bundle: Node then starts no ES module loader.
const {readFileSync, renameSync, statSync, writeFileSync} = require('node:fs');
const {createRequire, wrap} = require('node:module');
const {dirname, join} = require('node:path');
const {pathToFileURL} = require('node:url');

const modified = file => statSync(file, {throwIfNoEntry: false})?.mtimeMs;

// Compiling the bundle was a fifth of a tool's start-up; with the cache V8 skips most of it.
function runWithCodeCache(file) {
	const vm = require('node:vm');
	const cacheFile = `${file}.v8-cache`;
	// V8 checks little more than the source's length, so a cache older than the bundle is never offered.
	const fresh = modified(cacheFile) >= modified(file);
	const cachedData = fresh ? readFileSync(cacheFile) : undefined;
	// The hashbang becomes a comment, so line numbers in stack traces stay right.
	const source = readFileSync(file, 'utf8').replace(/^#!/, '//');
	// The bundle has no import() (see build.ts), so the script needs no dynamic import hook.
	const script = new vm.Script(wrap(source), {filename: file, cachedData});
	if (cachedData === undefined || script.cachedDataRejected) {
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

module.exports = function runTool(binDir, tool) {
	const dist = join(binDir, '..', 'dist');
	const bundle = join(dist, `${tool}.bundle.cjs`);
	const bundleTime = modified(bundle);
	if (bundleTime !== undefined && !(modified(join(dist, 'tsconfig.tsbuildinfo')) > bundleTime)) {
		runWithCodeCache(bundle);
	} else {
		import(pathToFileURL(join(dist, 'cli.js')).href);
	}
};
