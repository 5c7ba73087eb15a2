import {mkdir, readFile, readdir, stat, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {CredentialStore, planCredentials, removeCredentialFiles, writeCredentialFiles} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

function storeOf(entries: Record<string, string | Buffer>): CredentialStore {
	const store = new CredentialStore();
	for (const [id, value] of Object.entries(entries)) {
		store.add(id, Buffer.from(value));
	}

	return store;
}

test('smbios files hold the exact string, 0600 in a 0700 directory', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const store = storeOf({'passwd.plaintext-password.root': 'root\n', bin: Buffer.from([0, 255, 0])});
	const section = planCredentials(store, {runtimeDir, arch: 'x86_64'});
	await writeCredentialFiles(store, section);
	t.is(await mode(join(runtimeDir, 'credentials')), 0o700);
	t.deepEqual((await readdir(section.dir)).sort(), ['bin', 'passwd.plaintext-password.root']);
	for (const entry of section.entries) {
		t.is(await mode(entry.file), 0o600);
	}

	t.is(await readFile(join(section.dir, 'passwd.plaintext-password.root'), 'latin1'), 'io.systemd.credential.binary:passwd.plaintext-password.root=cm9vdAo=');
	t.is(await readFile(join(section.dir, 'bin'), 'latin1'), 'io.systemd.credential.binary:bin=AP8A');
});

test('fw_cfg files hold the raw value', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const store = storeOf({bin: Buffer.from([0, 1, 2, 0])});
	const section = planCredentials(store, {runtimeDir, arch: 'riscv64'});
	await writeCredentialFiles(store, section);
	t.deepEqual(await readFile(join(section.dir, 'bin')), Buffer.from([0, 1, 2, 0]));
	t.is(await mode(join(section.dir, 'bin')), 0o600);
});

// Serial: the umask is process-wide.
test.serial('the modes do not depend on the umask', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const previous = process.umask(0o277);
	t.teardown(() => process.umask(previous));
	const store = storeOf({a: 'x'});
	const section = planCredentials(store, {runtimeDir, arch: 'x86_64'});
	await writeCredentialFiles(store, section);
	t.is(await mode(section.dir), 0o700);
	t.is(await mode(join(section.dir, 'a')), 0o600);
});

test('an existing credentials directory is never reused', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	await mkdir(join(runtimeDir, 'credentials'));
	const store = storeOf({a: 'x'});
	const error = await t.throwsAsync(writeCredentialFiles(store, planCredentials(store, {runtimeDir, arch: 'x86_64'})), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^cannot create the credentials directory .*: File exists$/);
	t.is(error?.exitCode, errno.EEXIST);
});

test('a symlink in place of the directory is not followed', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const elsewhere = join(runtimeDir, 'elsewhere');
	await mkdir(elsewhere);
	await symlink(elsewhere, join(runtimeDir, 'credentials'));
	const store = storeOf({a: 'x'});
	await t.throwsAsync(writeCredentialFiles(store, planCredentials(store, {runtimeDir, arch: 'x86_64'})), {instanceOf: CliError});
	t.deepEqual(await readdir(elsewhere), []);
});

test('a credential the plan names but the store lacks is an error, and nothing is written', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const section = planCredentials(storeOf({a: 'x', b: 'y'}), {runtimeDir, arch: 'x86_64'});
	const error = await t.throwsAsync(writeCredentialFiles(storeOf({a: 'x'}), section), {instanceOf: CliError});
	t.is(error?.message, "credential 'b' is in the plan, but its value was not given to this vmspawn-run (values never travel in a plan)");
	t.deepEqual(await readdir(runtimeDir), []);
});

test('a size that does not match the value is an error', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const store = storeOf({a: 'xyz'});
	const section = planCredentials(store, {runtimeDir, arch: 'x86_64'});
	const edited = {...section, entries: section.entries.map(entry => ({...entry, size: 5}))};
	await t.throwsAsync(writeCredentialFiles(store, edited), {instanceOf: CliError, message: "credential 'a' has 3 bytes, but the plan says 5"});
});

test('a file outside the credentials directory is refused', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const victim = join(runtimeDir, 'victim');
	await writeFile(victim, 'untouched');
	const store = storeOf({a: 'x'});
	const section = planCredentials(store, {runtimeDir, arch: 'x86_64'});
	for (const file of [victim, join(section.dir, '..', 'victim'), join(section.dir, 'sub', 'a'), `${section.dir}/..`]) {
		const edited = {...section, entries: [{...section.entries[0]!, file}]};
		await t.throwsAsync(writeCredentialFiles(store, edited), {instanceOf: CliError}, file);
	}

	t.is(await readFile(victim, 'utf8'), 'untouched');
});

test('a credential left out of the plan is simply not written', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const store = storeOf({a: 'x', b: 'y'});
	const section = planCredentials(store, {runtimeDir, arch: 'x86_64'});
	await writeCredentialFiles(store, {...section, entries: section.entries.slice(1)});
	t.deepEqual(await readdir(section.dir), ['b']);
});

test('removeCredentialFiles removes the directory, and tolerates its absence', async t => {
	const runtimeDir = scratchDir(t, 'cred-');
	const store = storeOf({a: 'x'});
	const section = planCredentials(store, {runtimeDir, arch: 'x86_64'});
	await writeCredentialFiles(store, section);
	await removeCredentialFiles(section);
	t.deepEqual(await readdir(runtimeDir), []);
	await t.notThrowsAsync(removeCredentialFiles(section));
});
