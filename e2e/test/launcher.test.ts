import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
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
	writeFileSync(
		bundle,
		'#!/usr/bin/env node\n"use strict";\nconst {join} = require("node:path");\nprocess.stdout.write(`bundle ${__filename === join(__dirname, "fake.bundle.cjs")} ${typeof module.exports}`);\n',
	);
	writeFileSync(join(dir, 'dist', 'cli.js'), 'process.stdout.write("tsc output");\n');
	writeFileSync(join(dir, 'bin', 'fake.js'), `require(${JSON.stringify(runBundle)})(__dirname, 'fake');\n`);
	const bin = join(dir, 'bin', 'fake.js');
	return {dir, bundle, bin, cache: `${bundle}.v8-cache`, run: () => execFileSync(process.execPath, [bin], {encoding: 'utf8'})};
}

const mtime = (file: string) => statSync(file, {throwIfNoEntry: false})?.mtimeMs;

test("a bin runs its bundle through V8's code cache: made on the first run, used as it is afterwards", t => {
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

// Node's bootstrap has not loaded these; each tool's bundle requires them lazily (scripts/bundle/lazy-builtins.ts),
// and meow's unused promisify(execFile) is cut (lazy-meow.ts), so a start that needs none of them loads none.
const heavyBuiltins = ['child_process', 'net', 'crypto', 'readline', 'fs/promises', 'timers/promises'];

function builtinsLoadedBy(args: readonly string[]): string[] {
	const list = join(mkdtempSync(join(tmpdir(), 'vmspawn-builtins-')), 'modules');
	const preload = `${list}.cjs`;
	writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));\n`);
	try {
		// stdio to /dev/null: a pipe is a net.Socket, whose module the test would see loaded.
		execFileSync(process.execPath, ['--require', preload, ...args], {stdio: 'ignore'});
		const loaded = new Set(execFileSync('cat', [list], {encoding: 'utf8'}).split('\n'));
		return heavyBuiltins.filter(name => loaded.has(`NativeModule ${name}`));
	} finally {
		rmSync(join(list, '..'), {recursive: true, force: true});
	}
}

for (const tool of ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run']) {
	test(`${tool} --help loads none of Node's heavier modules`, t => {
		const bin = fileURLToPath(new URL(`../../tools/${tool}/bin/${tool}.js`, import.meta.url));
		t.deepEqual(builtinsLoadedBy([bin, '--help']), []);
	});
}

test('the stand-ins for lazily required modules work as the modules: a dry run that makes an SSH key', t => {
	const scratch = mkdtempSync(join(tmpdir(), 'vmspawn-lazy-'));
	try {
		mkdirSync(join(scratch, 'root'));
		writeFileSync(join(scratch, 'vmlinuz'), '');
		const bin = fileURLToPath(new URL('../../tools/vmspawn-run/bin/vmspawn-run.js', import.meta.url));
		// The key pair comes from node:crypto, the runtime directory's random suffix too.
		const output = execFileSync(
			process.execPath,
			[bin, '--dry-run', '-q', '-D', join(scratch, 'root'), `--linux=${join(scratch, 'vmlinuz')}`, '--firmware=none', '--tpm=no', '--register=no'],
			{encoding: 'utf8', env: {...process.env, VMSPAWN_RUNTIME_DIR: join(scratch, 'run')}},
		);
		const {plan} = JSON.parse(output) as {plan: {ssh: {publicKey: string}; runtime: {dir: string}}};
		t.regex(plan.ssh.publicKey, /^ssh-ed25519 \S+ vmspawn-run@root$/);
		t.regex(plan.runtime.dir, /\/root-[\da-f]{8}$/);
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
});

test('each built bundle is ASCII, so the Latin-1 reading of the bin is the text esbuild wrote', t => {
	for (const tool of ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run']) {
		const bundle = fileURLToPath(new URL(`../../tools/${tool}/dist/${tool}.bundle.cjs`, import.meta.url));
		t.is(readFileSync(bundle, 'latin1'), readFileSync(bundle, 'utf8'), tool);
	}
});
