import {chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {manufactureTpmState} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';
import {capturingLogger} from './helpers/real.js';

// Other local users are hostile: with the image in a directory they can write
// to, they can make IMAGE.tpmstate before the first run. Files of another user
// are made by chown to nobody, which needs root (as CI runs).
const otherUid = 65_534;
const asRoot = process.getuid?.() === 0 ? test : test.skip;
const needsRoot = "(needs root: another user's files are made with chown)";

/** A persistent TPM section whose manufacture writes a state file, as swtpm_setup would. */
function persistentSection(stateDir: string): Section<'tpm'> {
	return {
		enabled: true,
		persistent: true,
		stateDir,
		socket: '/unused/swtpm.sock',
		manufacture: {argv: ['/bin/sh', '-c', 'echo state > "$0/tpm2-00.permall"', stateDir], skipWhenExists: join(stateDir, 'tpm2-00.permall')},
		helper: {name: 'swtpm', argv: ['swtpm']},
	};
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

test('ATTACK: a symlink planted as IMAGE.tpmstate is refused, its target neither chmodded nor written', async t => {
	const shared = scratchDir(t, 'tpm-');
	const victim = join(shared, 'victim');
	mkdirSync(victim, {mode: 0o755});
	chmodSync(victim, 0o755);
	writeFileSync(join(victim, 'file'), '', {mode: 0o644});
	symlinkSync(victim, join(shared, 'image.raw.tpmstate'));
	const error = await t.throwsAsync(manufactureTpmState(persistentSection(join(shared, 'image.raw.tpmstate')), capturingLogger(), {progress: false}), {
		instanceOf: CliError,
	});
	t.is(error?.message, `refusing the TPM state directory ${join(shared, 'image.raw.tpmstate')}: it is a symbolic link`);
	t.is(error?.exitCode, errno.ELOOP);
	t.is(modeOf(victim), 0o755);
	t.is(modeOf(join(victim, 'file')), 0o644);
	t.deepEqual(readdirSync(victim), ['file']);
});

asRoot(`ATTACK: a state directory another user made first is refused, its state not used ${needsRoot}`, async t => {
	const stateDir = join(scratchDir(t, 'tpm-'), 'image.raw.tpmstate');
	mkdirSync(stateDir, {mode: 0o700});
	writeFileSync(join(stateDir, 'tpm2-00.permall'), 'manufactured by the attacker');
	chownSync(stateDir, otherUid, otherUid);
	const error = await t.throwsAsync(manufactureTpmState(persistentSection(stateDir), capturingLogger(), {progress: false}), {instanceOf: CliError});
	t.is(error?.message, `refusing the TPM state directory ${stateDir}: it is owned by uid ${otherUid}, not by uid 0`);
	t.is(error?.exitCode, errno.EPERM);
});

test('a symlink inside the state directory is not followed when its files are made 0600', async t => {
	const directory = scratchDir(t, 'tpm-');
	const outside = join(directory, 'outside');
	writeFileSync(outside, '', {mode: 0o644});
	const stateDir = join(directory, 'image.raw.tpmstate');
	const section = persistentSection(stateDir);
	mkdirSync(stateDir, {mode: 0o700});
	symlinkSync(outside, join(stateDir, 'planted'));
	t.true((await manufactureTpmState(section, capturingLogger(), {progress: false})).manufactured);
	t.is(modeOf(join(stateDir, 'tpm2-00.permall')), 0o600);
	t.is(modeOf(outside), 0o644);
	t.true(lstatSync(join(stateDir, 'planted')).isSymbolicLink());
});

test('a state directory of ours open to others is made 0700, with a warning', async t => {
	const stateDir = join(scratchDir(t, 'tpm-'), 'image.raw.tpmstate');
	mkdirSync(stateDir);
	chmodSync(stateDir, 0o755);
	const log = capturingLogger();
	await manufactureTpmState(persistentSection(stateDir), log, {progress: false});
	t.is(modeOf(stateDir), 0o700);
	t.regex(log.text(), /was mode 0755; made it 0700/);
	t.true(existsSync(join(stateDir, 'tpm2-00.permall')));
});

test('a symlink where a config file of the manufacture goes is not written through: one line, ELOOP, its target untouched', async t => {
	const scratch = scratchDir(t, 'tpm-');
	const stateDir = join(scratch, 'vm.tpmstate');
	mkdirSync(stateDir, {mode: 0o700});
	const target = join(scratch, 'elsewhere');
	writeFileSync(target, 'mine');
	symlinkSync(target, join(stateDir, 'swtpm_setup.conf'));
	const section = persistentSection(stateDir);
	const withFiles = {...section, manufacture: {...section.manufacture!, files: [{path: join(stateDir, 'swtpm_setup.conf'), content: 'planted?'}]}};
	const error = await t.throwsAsync(manufactureTpmState(withFiles, capturingLogger(), {progress: false}), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^cannot write .+\/vm\.tpmstate\/swtpm_setup\.conf for the TPM manufacture: ELOOP/);
	t.is(error?.exitCode, errno.ELOOP);
	t.is(readFileSync(target, 'utf8'), 'mine');
	t.true(existsSync(stateDir), 'a state directory that was there before is kept');
});
