import {mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {smbiosStringFile} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';

test('writes the string without a newline, 0600, creating the directory 0700', async t => {
	const dir = join(scratchDir(t, 'cred-'), 'smbios');
	const text = 'io.systemd.stub.kernel-cmdline-extra=console=hvc0 quiet, "commas" too';
	const file = await smbiosStringFile(dir, 'io.systemd.stub.kernel-cmdline-extra', text);
	t.is(file, join(dir, 'io.systemd.stub.kernel-cmdline-extra'));
	t.is(await readFile(file, 'utf8'), text);
	t.is((await stat(file)).mode & 0o777, 0o600);
	t.is((await stat(dir)).mode & 0o777, 0o700);
});

test('an existing directory is used and tightened', async t => {
	const dir = join(scratchDir(t, 'cred-'), 'smbios');
	await mkdir(dir, {mode: 0o755});
	await smbiosStringFile(dir, 'a', 'x');
	await smbiosStringFile(dir, 'b', 'y');
	t.is((await stat(dir)).mode & 0o777, 0o700);
});

test('an existing file is never overwritten', async t => {
	const dir = scratchDir(t, 'cred-');
	await writeFile(join(dir, 'a'), 'old');
	await t.throwsAsync(smbiosStringFile(dir, 'a', 'new'), {instanceOf: CliError});
	t.is(await readFile(join(dir, 'a'), 'utf8'), 'old');
});

test('bad names and nul bytes are refused', async t => {
	const dir = scratchDir(t, 'cred-');
	for (const name of ['', '.', '..', 'a/b']) {
		await t.throwsAsync(smbiosStringFile(dir, name, 'x'), {instanceOf: CliError}, name);
	}

	await t.throwsAsync(smbiosStringFile(dir, 'a', 'x\0y'), {instanceOf: CliError, message: 'the SMBIOS string a contains a NUL byte'});
});
