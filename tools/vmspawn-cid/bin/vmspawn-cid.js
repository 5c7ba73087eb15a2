#!/usr/bin/env node
// Committed launcher so npm links the command even before the first build. CommonJS
// (bin/package.json), like the bundle it loads: Node then starts no ES module loader.
// Runs the one-file bundle `npm run build` makes; without it, or when `tsc -b` ran
// after it (the tool's tsbuildinfo is newer, so the bundle may be stale), the tsc output.
'use strict';
const {statSync} = require('node:fs');
const {join} = require('node:path');
const {pathToFileURL} = require('node:url');

const dist = join(__dirname, '..', 'dist');
const modified = name => statSync(join(dist, name), {throwIfNoEntry: false})?.mtimeMs;
const bundle = modified('vmspawn-cid.bundle.cjs');
if (bundle !== undefined && !(modified('tsconfig.tsbuildinfo') > bundle)) {
	require(join(dist, 'vmspawn-cid.bundle.cjs'));
} else {
	import(pathToFileURL(join(dist, 'cli.js')).href);
}
