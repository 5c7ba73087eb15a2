import {existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {manufactureTpmState} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';
import {capturingLogger, realSection} from './helpers/real.js';

test('the real swtpm_setup manufactures ephemeral state into a private directory, once', async t => {
	const runtimeDir = scratchDir(t, 'tpm-');
	const section = await realSection(runtimeDir);
	const log = capturingLogger();
	const first = await manufactureTpmState(section, log, {progress: false});
	t.true(first.manufactured);
	t.log(`manufacture took ${first.durationMs.toFixed(0)} ms`);

	const permall = join(runtimeDir, 'tpm', 'tpm2-00.permall');
	const before = statSync(permall);
	t.true(before.size > 0);
	t.is(statSync(join(runtimeDir, 'tpm')).mode & 0o777, 0o700);
	t.is(before.mode & 0o777, 0o600);

	const second = await manufactureTpmState(section, log, {progress: false});
	t.false(second.manufactured);
	const after = statSync(permall);
	t.is(after.ino, before.ino);
	t.is(after.mtimeMs, before.mtimeMs);
	t.is(log.text(), '');
});

test('the real swtpm_setup certifies the EK with a local CA of the state directory, and marks the state complete last', async t => {
	const stateDir = join(scratchDir(t, 'tpm-'), 'vm.tpmstate');
	const section = await realSection(scratchDir(t, 'tpm-'), stateDir);
	const log = capturingLogger();
	t.true((await manufactureTpmState(section, log, {progress: false})).manufactured);
	for (const name of ['.manufactured', 'issuer-certificate.pem', 'signing-private-key.pem', 'swtpm_setup.conf', 'swtpm-localca.conf', 'tpm2-00.permall']) {
		t.true(existsSync(join(stateDir, name)), name);
	}

	const modes = readdirSync(stateDir).map(name => [name, statSync(join(stateDir, name)).mode & 0o777] as const);
	t.deepEqual(
		modes.filter(([, mode]) => mode !== 0o600),
		[],
		'every file of the state is private',
	);
	t.is(log.text(), '', 'nothing left out on this host');
});

test('state from before the marker is kept (swtpm_setup --not-overwrite) and marked', async t => {
	const stateDir = join(scratchDir(t, 'tpm-'), 'vm.tpmstate');
	const section = await realSection(scratchDir(t, 'tpm-'), stateDir);
	await manufactureTpmState(section, capturingLogger(), {progress: false});
	rmSync(join(stateDir, '.manufactured'));
	const before = statSync(join(stateDir, 'tpm2-00.permall'));
	t.true((await manufactureTpmState(section, capturingLogger(), {progress: false})).manufactured);
	t.is(statSync(join(stateDir, 'tpm2-00.permall')).mtimeMs, before.mtimeMs);
	t.true(existsSync(join(stateDir, '.manufactured')));
	t.false((await manufactureTpmState(section, capturingLogger(), {progress: false})).manufactured);
});

test('a part the swtpm cannot make is named in a warning when the state is manufactured', async t => {
	const section = await realSection(scratchDir(t, 'tpm-'));
	const log = capturingLogger();
	await manufactureTpmState({...section, manufacture: {...section.manufacture!, omitted: ['the platform certificate (test)']}}, log, {progress: false});
	t.is(log.text(), 'vmspawn-tpm: warning: the TPM was manufactured without the platform certificate (test)\n');
});

test('a manufacture file outside the state directory is refused, and the state directory made for it goes again', async t => {
	const runtimeDir = scratchDir(t, 'tpm-');
	const section = await realSection(runtimeDir);
	const outside = {...section, manufacture: {...section.manufacture!, files: [{path: '/tmp/elsewhere.conf', content: 'x'}]}};
	const error = await t.throwsAsync(manufactureTpmState(outside, capturingLogger(), {progress: false}), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^refusing to write \/tmp\/elsewhere\.conf for the TPM manufacture: it is not directly inside the state directory /);
	t.false(existsSync('/tmp/elsewhere.conf'));
	t.false(existsSync(join(runtimeDir, 'tpm')));
});

test('persistent state is created 0700 with its parents and kept across runs', async t => {
	const stateDir = join(scratchDir(t, 'tpm-'), 'images', 'vm1.raw.tpmstate');
	const section = await realSection(scratchDir(t, 'tpm-'), stateDir);
	t.true(section.persistent);
	t.true((await manufactureTpmState(section, capturingLogger(), {progress: false})).manufactured);
	t.is(statSync(stateDir).mode & 0o777, 0o700);
	const before = statSync(join(stateDir, 'tpm2-00.permall'));
	t.false((await manufactureTpmState(section, capturingLogger(), {progress: false})).manufactured);
	t.is(statSync(join(stateDir, 'tpm2-00.permall')).mtimeMs, before.mtimeMs);
});

test('swtpm_setup itself refuses to overwrite when the skip file is not given', async t => {
	const runtimeDir = scratchDir(t, 'tpm-');
	const section = await realSection(runtimeDir);
	await manufactureTpmState(section, capturingLogger(), {progress: false});
	const permall = join(runtimeDir, 'tpm', 'tpm2-00.permall');
	const before = statSync(permall);
	const {skipWhenExists: _skip, ...unguarded} = section.manufacture!;
	t.true((await manufactureTpmState({...section, manufacture: unguarded}, capturingLogger(), {progress: false})).manufactured);
	t.is(statSync(permall).mtimeMs, before.mtimeMs);
});

test('an existing state directory open to others is made private, with a warning', async t => {
	const runtimeDir = scratchDir(t, 'tpm-');
	mkdirSync(join(runtimeDir, 'tpm'), {mode: 0o755});
	const log = capturingLogger();
	await manufactureTpmState(await realSection(runtimeDir), log, {progress: false});
	t.is(statSync(join(runtimeDir, 'tpm')).mode & 0o777, 0o700);
	t.regex(log.text(), /^vmspawn-tpm: warning: the TPM state directory .+ was mode 0755; made it 0700\n$/);
});

test('progress is shown when asked and not quiet', async t => {
	const runtimeDir = scratchDir(t, 'tpm-');
	const log = capturingLogger();
	await manufactureTpmState(await realSection(runtimeDir), log, {progress: true});
	t.regex(log.text(), /^Manufacturing ephemeral TPM state in .+\/tpm \.\.\.\nTPM state manufactured in \d+\.\d s\.\n$/);
	const quiet = capturingLogger(true);
	await manufactureTpmState(await realSection(scratchDir(t, 'tpm-')), quiet);
	t.is(quiet.text(), '');
});

test('a failing swtpm_setup is one clear error with its stderr, and leaves no state behind', async t => {
	const stateDir = join(scratchDir(t, 'tpm-'), 'vm.tpmstate');
	const section = await realSection(scratchDir(t, 'tpm-'), stateDir);
	const broken = {...section, manufacture: {...section.manufacture!, argv: [...section.manufacture!.argv, '--rsa-keysize', '12345']}};
	const error = await t.throwsAsync(manufactureTpmState(broken, capturingLogger(), {progress: false}), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^\/.*swtpm_setup exited with status 1 while manufacturing the TPM state in .+vm\.tpmstate: .+/);
	t.regex(error?.message ?? '', /12345/);
	t.is(error?.exitCode, 5);
	t.false(existsSync(stateDir));
});

test('a missing swtpm_setup says which package to install', async t => {
	const section = await realSection(scratchDir(t, 'tpm-'));
	const missing = {...section, manufacture: {argv: ['/nonexistent/swtpm_setup', '--tpm2']}};
	const error = await t.throwsAsync(manufactureTpmState(missing, capturingLogger(), {progress: false}), {instanceOf: CliError});
	t.is(error?.message, 'cannot run /nonexistent/swtpm_setup: not found (install the Debian package swtpm-tools)');
	t.is(error?.exitCode, 2);
});

test('a disabled TPM manufactures nothing', async t => {
	t.deepEqual(await manufactureTpmState({enabled: false, reason: 'off'}, capturingLogger()), {manufactured: false, durationMs: 0});
});
