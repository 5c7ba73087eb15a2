import {chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {prepareFirmwareVars} from '../src/index.js';

function scratch(t: {teardown(fn: () => void): void}): string {
	const dir = mkdtempSync(join(tmpdir(), 'vmspawn-firmware-test-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	writeFileSync(join(dir, 'VARS.fd'), 'template', {mode: 0o644});
	return dir;
}

function section(dir: string, nvram: Section<'firmware'>['nvram']): Section<'firmware'> {
	return {
		descriptor: '/usr/share/qemu/firmware/60-edk2-x86_64.json',
		description: 'test',
		device: 'flash',
		code: {path: '/usr/share/OVMF/OVMF_CODE_4M.fd', format: 'raw'},
		varsTemplate: {path: join(dir, 'VARS.fd'), format: 'raw'},
		secureBoot: false,
		requiresSmm: false,
		features: [],
		...(nvram ? {nvram} : {}),
	};
}

test('the per-run store is a fresh 0600 copy of the template', t => {
	const dir = scratch(t);
	const path = join(dir, 'efi-vars.fd');
	t.is(prepareFirmwareVars(section(dir, {path, persistent: false})), path);
	t.is(readFileSync(path, 'utf8'), 'template');
	t.is(statSync(path).mode & 0o777, 0o600);
});

test('a file already where the per-run store goes is refused, not overwritten', t => {
	const dir = scratch(t);
	const path = join(dir, 'efi-vars.fd');
	writeFileSync(path, 'planted');
	const error = t.throws(() => prepareFirmwareVars(section(dir, {path, persistent: false})), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^cannot create the EFI variable store .*: EEXIST/);
	t.is(readFileSync(path, 'utf8'), 'planted');
});

test('ATTACK: a symlink planted as the persistent store is refused, its target not handed to qemu', t => {
	const dir = scratch(t);
	const victim = join(dir, 'victim');
	writeFileSync(victim, 'precious');
	const path = join(dir, 'vm.efivars');
	symlinkSync(victim, path);
	const error = t.throws(() => prepareFirmwareVars(section(dir, {path, persistent: true})), {instanceOf: CliError});
	t.is(error?.message, `refusing the EFI variable store ${path}: it is a symbolic link`);
	t.is(error?.exitCode, errno.ELOOP);
	t.is(readFileSync(victim, 'utf8'), 'precious');
});

test('ATTACK: a dangling symlink planted as the persistent store is not written through', t => {
	const dir = scratch(t);
	const path = join(dir, 'vm.efivars');
	symlinkSync(join(dir, 'created-by-us'), path);
	t.throws(() => prepareFirmwareVars(section(dir, {path, persistent: true})), {instanceOf: CliError});
	t.false(existsSync(join(dir, 'created-by-us')));
});

test('a persistent store that is not a regular file is refused', t => {
	const dir = scratch(t);
	const path = join(dir, 'vm.efivars');
	mkdirSync(path);
	t.throws(() => prepareFirmwareVars(section(dir, {path, persistent: true})), {instanceOf: CliError, message: /is not a regular file$/});
});

(process.getuid?.() === 0 ? test : test.skip)('ATTACK: a persistent store another user made first is refused (needs root: chown to nobody)', t => {
	const dir = scratch(t);
	const path = join(dir, 'vm.efivars');
	writeFileSync(path, 'variables the attacker chose', {mode: 0o600});
	chownSync(path, 65_534, 65_534);
	const error = t.throws(() => prepareFirmwareVars(section(dir, {path, persistent: true})), {instanceOf: CliError});
	t.is(error?.message, `refusing the EFI variable store ${path}: it is owned by uid 65534, not by uid 0`);
	t.is(error?.exitCode, errno.EPERM);
});

test('a persistent store is created from the template when missing', t => {
	const dir = scratch(t);
	const path = join(dir, 'vm.efivars');
	prepareFirmwareVars(section(dir, {path, persistent: true}));
	t.is(readFileSync(path, 'utf8'), 'template');
	t.is(statSync(path).mode & 0o777, 0o600);
});

test('an existing persistent store is left alone', t => {
	const dir = scratch(t);
	const path = join(dir, 'vm.efivars');
	writeFileSync(path, 'enrolled keys and boot entries');
	prepareFirmwareVars(section(dir, {path, persistent: true}));
	t.is(readFileSync(path, 'utf8'), 'enrolled keys and boot entries');
});

test('firmware without a store needs nothing', t => {
	t.is(prepareFirmwareVars(section('/nonexistent', undefined)), undefined);
});

test('a missing template is a clear error with ENOENT', t => {
	const error = t.throws(() => prepareFirmwareVars(section('/nonexistent', {path: '/tmp/never', persistent: false})), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^cannot read the EFI variable template \/nonexistent\/VARS\.fd: ENOENT/);
	t.is(error?.exitCode, 2);
});

test('a missing directory for the store is a clear error', t => {
	const dir = scratch(t);
	const error = t.throws(() => prepareFirmwareVars(section(dir, {path: join(dir, 'missing/efi-vars.fd'), persistent: false})), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^cannot create the EFI variable store .*missing\/efi-vars\.fd: ENOENT/);
});
