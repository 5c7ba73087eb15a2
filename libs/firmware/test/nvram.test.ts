import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
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
	writeFileSync(path, 'stale');
	t.is(prepareFirmwareVars(section(dir, {path, persistent: false})), path);
	t.is(readFileSync(path, 'utf8'), 'template');
	t.is(statSync(path).mode & 0o777, 0o600);
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
