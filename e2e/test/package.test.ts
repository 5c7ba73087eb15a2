// The npm package as a user gets it: `npm pack` at the root, `npm i -g --prefix TMP` of the
// tarball, then only TMP/bin and TMP/share, run from a directory outside the clone.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestKernelWords} from '../helpers/direct-boot.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tools = ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run'];
const work = mkdtempSync(join(tmpdir(), 'vmspawn-package-'));
const prefix = join(work, 'prefix');
// node for the bins' "#!/usr/bin/env node", and the system's tools; not the clone's node_modules/.bin.
const env = {...process.env, PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/sbin:/usr/bin:/sbin:/bin`};

type Packed = {tarball: string; files: string[]; size: number; unpackedSize: number};
let installed: Promise<Packed> | undefined;

// Packing and installing once for every test of this file.
function install(): Promise<Packed> {
	installed ??= (async () => {
		let started = Date.now();
		// prepack without its build: rebuilding would rewrite the bundles other e2e tests are running.
		const pack = await execa('npm', ['pack', '--json', '--pack-destination', work], {cwd: root, env: {VMSPAWN_PACK_NO_BUILD: '1'}});
		const [report] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as [
			{filename: string; files: {path: string}[]; size: number; unpackedSize: number},
		];
		const packMs = Date.now() - started;
		started = Date.now();
		const tarball = join(work, report.filename);
		await execa('npm', ['i', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball], {cwd: work});
		console.log(
			`package.test: ${report.filename}, ${report.files.length} files, ${(report.size / 1024).toFixed(0)} KiB packed, ${(report.unpackedSize / 1024).toFixed(0)} KiB unpacked; npm pack ${(packMs / 1000).toFixed(1)} s, npm i -g ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		return {tarball, files: report.files.map(file => file.path), size: report.size, unpackedSize: report.unpackedSize};
	})();
	return installed;
}

const installedBin = (tool: string) => join(prefix, 'bin', tool);
const run = (file: string, args: string[]) => execa(file, args, {cwd: work, env, reject: false, timeout: 240_000});

// The boot's root is the working directory, so its TPM and EFI variable state (auto) lie beside it.
test.after.always(() => {
	for (const path of [work, `${work}.tpmstate`, `${work}.efinvramstate`]) {
		rmSync(path, {recursive: true, force: true});
	}
});

test('the package holds the bins, bundles, code caches, manual pages, completions and schemas, and no source or test', async t => {
	const {files, size} = await install();
	t.log(`${files.length} files, ${(size / 1024).toFixed(0)} KiB`);
	t.deepEqual(
		files.filter(file => /\.(m|c)?ts$/.test(file)),
		[],
		'no TypeScript',
	);
	t.deepEqual(
		files.filter(file => /(^|\/)(test|tests|e2e|bench)\/|\.test\.|\.bench\./.test(file)),
		[],
		'no tests or benches',
	);
	for (const tool of tools) {
		for (const file of [
			`tools/${tool}/bin/${tool}.js`,
			`tools/${tool}/bin/package.json`,
			`tools/${tool}/dist/${tool}.bundle.cjs`,
			`tools/${tool}/dist/${tool}.bundle.cjs.v8-cache`,
			`man/man1/${tool}.1`,
			`share/bash-completion/completions/${tool}`,
			`share/zsh/site-functions/_${tool}`,
			`share/fish/vendor_completions.d/${tool}.fish`,
		]) {
			t.true(files.includes(file), file);
		}
	}
	for (const file of [
		'scripts/bundle/run-bundle.cjs',
		'man/man5/vmspawn-plan.5',
		'docs/plan.schema.json',
		'docs/status.schema.json',
		'README.md',
		'LICENSE',
		'CHANGELOG.md',
		'package.json',
		'units/vmspawn@.service',
	]) {
		t.true(files.includes(file), file);
	}
});

for (const tool of tools) {
	test(`the installed ${tool} answers --version with the package's version, and --help`, async t => {
		await install();
		const {version} = JSON.parse((await execa('node', ['-p', 'JSON.stringify(require("./package.json"))'], {cwd: root})).stdout) as {version: string};
		const versionRun = await run(installedBin(tool), ['--version']);
		t.is(versionRun.exitCode, 0, versionRun.stderr);
		t.is(versionRun.stdout, `${tool} ${version}`);
		const help = await run(installedBin(tool), ['--help']);
		t.is(help.exitCode, 0, help.stderr);
		t.regex(help.stdout, new RegExp(`^Usage: ${tool} `));
	});
}

test('man finds and renders the installed manual pages', async t => {
	await install();
	for (const [section, page] of [
		['1', 'vmspawn-run'],
		['5', 'vmspawn-plan'],
	] as const) {
		const man = await execa('man', ['-M', join(prefix, 'share', 'man'), '-P', 'cat', section, page], {env: {...env, MANWIDTH: '80'}, reject: false});
		t.is(man.exitCode, 0, man.stderr);
		t.regex(man.stdout, new RegExp(`^${page.toUpperCase()}\\(${section}\\)`));
	}
});

test('the runtime dependencies outside the bundles are installed with the package', async t => {
	await install();
	const packageDir = join(prefix, 'lib', 'node_modules', 'vmspawn-ts');
	t.true(existsSync(join(packageDir, 'share', 'bash-completion', 'completions', 'vmspawn-run')));
	const resolved = await execa('node', ['-e', 'for (const m of ["koffi", "dbus-next"]) console.log(require.resolve(m))'], {cwd: packageDir});
	t.true(
		resolved.stdout.split('\n').every(path => path.startsWith(join(packageDir, 'node_modules'))),
		resolved.stdout,
	);
});

test('the installed vmspawn-run boots the test guest', async t => {
	await install();
	const guest = await guestDir();
	const started = Date.now();
	const result = await run(installedBin('vmspawn-run'), [
		`--linux=${guest}/vmlinuz`,
		`--initrd=${guest}/initrd.img`,
		'--ram=256M',
		'--console=read-only',
		'-q',
		...guestKernelWords,
		'package.test=installed',
	]);
	t.log(`boot ${((Date.now() - started) / 1000).toFixed(1)} s`);
	t.is(result.exitCode, 0, result.stderr);
	t.true(parseGuestReport(result.stdout).cmdlineArgs.includes('package.test=installed'));
});
