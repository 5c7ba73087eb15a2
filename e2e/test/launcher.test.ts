import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';

// The launcher every bin file calls, run on a tool of its own so the real bundles stay untouched.
const runBundle = fileURLToPath(new URL('../../scripts/bundle/run-bundle.cjs', import.meta.url));

function fakeTool(): {dir: string; run: () => string; cache: string; bundle: string; bin: string} {
	const dir = mkdtempSync(join(tmpdir(), 'vmspawn-launcher-'));
	mkdirSync(join(dir, 'bin'));
	mkdirSync(join(dir, 'dist'));
	const bundle = join(dir, 'dist', 'fake.bundle.cjs');
	writeFileSync(bundle, '#!/usr/bin/env node\n"use strict";\nconst {join} = require("node:path");\nprocess.stdout.write(`bundle ${__filename === join(__dirname, "fake.bundle.cjs")} ${typeof module.exports}`);\n');
	writeFileSync(join(dir, 'dist', 'cli.js'), 'process.stdout.write("tsc output");\n');
	writeFileSync(join(dir, 'bin', 'fake.js'), `require(${JSON.stringify(runBundle)})(__dirname, 'fake');\n`);
	const bin = join(dir, 'bin', 'fake.js');
	return {dir, bundle, bin, cache: `${bundle}.v8-cache`, run: () => execFileSync(process.execPath, [bin], {encoding: 'utf8'})};
}

const mtime = (file: string) => statSync(file, {throwIfNoEntry: false})?.mtimeMs;

test('a bin runs its bundle through V8\'s code cache: made on the first run, used as it is afterwards', t => {
	const tool = fakeTool();
	t.teardown(() => rmSync(tool.dir, {recursive: true, force: true}));
	t.is(tool.run(), 'bundle true object');
	const made = mtime(tool.cache);
	t.not(made, undefined, 'the first run leaves a cache');
	t.is(tool.run(), 'bundle true object');
	t.is(mtime(tool.cache), made, 'an accepted cache is not written again');
});

test('a cache older than the bundle is ignored and made again', t => {
	const tool = fakeTool();
	t.teardown(() => rmSync(tool.dir, {recursive: true, force: true}));
	tool.run();
	const past = new Date(Date.now() - 60_000);
	utimesSync(tool.cache, past, past);
	t.is(tool.run(), 'bundle true object');
	t.true(mtime(tool.cache)! > past.getTime() + 1000);
});

test('after a tsc -b newer than the bundle, the bin runs nothing and says in one line what to run', t => {
	const tool = fakeTool();
	t.teardown(() => rmSync(tool.dir, {recursive: true, force: true}));
	const future = new Date(Date.now() + 60_000);
	writeFileSync(join(tool.dir, 'dist', 'tsconfig.tsbuildinfo'), '{}');
	utimesSync(join(tool.dir, 'dist', 'tsconfig.tsbuildinfo'), future, future);
	const result = spawnSync(process.execPath, [tool.bin], {encoding: 'utf8'});
	t.is(result.status, 1);
	t.is(result.stdout, '');
	t.regex(result.stderr, /^fake: .*dist\/fake\.bundle\.cjs is older than the last tsc -b; run `npm run build` in \S+\n$/);
});

test('a tsbuildinfo written moments after the bundle, as one build may, does not make the bundle stale', t => {
	const tool = fakeTool();
	t.teardown(() => rmSync(tool.dir, {recursive: true, force: true}));
	const moments = new Date(statSync(tool.bundle).mtimeMs + 200);
	writeFileSync(join(tool.dir, 'dist', 'tsconfig.tsbuildinfo'), '{}');
	utimesSync(join(tool.dir, 'dist', 'tsconfig.tsbuildinfo'), moments, moments);
	t.is(tool.run(), 'bundle true object');
});

test('without a bundle the bin says in one line to build it', t => {
	const tool = fakeTool();
	t.teardown(() => rmSync(tool.dir, {recursive: true, force: true}));
	rmSync(tool.bundle);
	const result = spawnSync(process.execPath, [tool.bin], {encoding: 'utf8'});
	t.is(result.status, 1);
	t.regex(result.stderr, /^fake: .*dist\/fake\.bundle\.cjs is not built; run `npm run build` in \S+\n$/);
});
