import {spawnSync} from 'node:child_process';
import {chmod, mkdir, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {type CredentialOption, collectCredentials} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';

const load = (value: string): CredentialOption => ({option: 'load-credential', value});
const set = (value: string): CredentialOption => ({option: 'set-credential', value});

test('a path with a slash is read as a file, byte for byte', async t => {
	const dir = scratchDir(t, 'cred-');
	await writeFile(join(dir, 'key'), Buffer.from([0, 1, 2, 255, 10]));
	const store = await collectCredentials([load(`ssh.key:${dir}/key`)]);
	t.deepEqual(store.value('ssh.key'), Buffer.from([0, 1, 2, 255, 10]));
});

test('a relative path is resolved against the given cwd', async t => {
	const dir = scratchDir(t, 'cred-');
	await mkdir(join(dir, 'secrets'));
	await writeFile(join(dir, 'secrets', 'pw'), 'relative');
	const store = await collectCredentials([load('a:./secrets/pw'), load('b:secrets/pw')], {cwd: dir});
	t.is(store.value('a')?.toString(), 'relative');
	t.is(store.value('b')?.toString(), 'relative');
});

test('an AF_UNIX stream socket is connected to and read to EOF', async t => {
	const dir = scratchDir(t, 'cred-');
	const path = join(dir, 'cred.sock');
	let sawEnd = false;
	const server = createServer({allowHalfOpen: true}, socket => {
		// The reader shuts down its side first, as systemd does; then the server answers.
		socket.on('end', () => {
			sawEnd = true;
			socket.end(Buffer.from('from a socket\0!'));
		});
		socket.resume();
	});
	await new Promise<void>(resolve => server.listen(path, resolve));
	t.teardown(() => server.close());
	const store = await collectCredentials([load(`sock:${path}`)]);
	t.deepEqual(store.value('sock'), Buffer.from('from a socket\0!'));
	t.true(sawEnd);
});

test('a bare name is read from $CREDENTIALS_DIRECTORY', async t => {
	const dir = scratchDir(t, 'cred-');
	await writeFile(join(dir, 'upstream.pw'), 'passed down');
	const store = await collectCredentials([load('pw:upstream.pw')], {env: {CREDENTIALS_DIRECTORY: dir}});
	t.is(store.value('pw')?.toString(), 'passed down');
});

test('a bare name without $CREDENTIALS_DIRECTORY is not available', async t => {
	const error = await t.throwsAsync(collectCredentials([load('pw:upstream.pw')], {env: {}}), {instanceOf: CliError});
	t.is(error?.message, 'Credential not available (no credentials passed at all): pw');
	t.is(error?.exitCode, errno.ENXIO);
	const relative = await t.throwsAsync(collectCredentials([load('pw:upstream.pw')], {env: {CREDENTIALS_DIRECTORY: 'creds'}}), {instanceOf: CliError});
	t.regex(relative?.message ?? '', /^Credential not available \(.*not an absolute, normalized path\): pw$/);
});

test('a source that is neither a path nor a name is refused', async t => {
	const error = await t.throwsAsync(collectCredentials([load('pw:')], {env: {}}), {instanceOf: CliError});
	t.is(error?.message, 'Credential source appears to be neither a valid path nor a credential name: ');
	const colon = await t.throwsAsync(collectCredentials([load('pw:a:b')], {env: {}}), {instanceOf: CliError});
	t.is(colon?.message, 'Credential source appears to be neither a valid path nor a credential name: a:b');
});

test('read failures name the path and exit with the errno', async t => {
	const dir = scratchDir(t, 'cred-');
	const missing = await t.throwsAsync(collectCredentials([load(`pw:${dir}/nope`)]), {instanceOf: CliError});
	t.is(missing?.message, `Failed to read credential '${dir}/nope': No such file or directory`);
	t.is(missing?.exitCode, errno.ENOENT);
	const directory = await t.throwsAsync(collectCredentials([load(`pw:${dir}/`)]), {instanceOf: CliError});
	t.is(directory?.message, `Failed to read credential '${dir}': Is a directory`);
	t.is(directory?.exitCode, errno.EISDIR);
	const missingInDir = await t.throwsAsync(collectCredentials([load('pw:gone')], {env: {CREDENTIALS_DIRECTORY: dir}}), {instanceOf: CliError});
	t.is(missingInDir?.message, `Failed to read credential '${dir}/gone': No such file or directory`);
});

const asRoot = process.getuid?.() === 0;
(asRoot ? test.skip : test)(`an unreadable file is a permission error${asRoot ? ' — skipped: root reads anything' : ''}`, async t => {
	const dir = scratchDir(t, 'cred-');
	await writeFile(join(dir, 'locked'), 'x');
	await chmod(join(dir, 'locked'), 0);
	const error = await t.throwsAsync(collectCredentials([load(`pw:${dir}/locked`)]), {instanceOf: CliError});
	t.is(error?.exitCode, errno.EACCES);
});

test('a socket nobody listens on is refused', async t => {
	const dir = scratchDir(t, 'cred-');
	const path = join(dir, 'dead.sock');
	// A server that exits without closing leaves its socket file behind, as a crashed one does.
	spawnSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`]);
	const error = await t.throwsAsync(collectCredentials([load(`pw:${path}`)]), {instanceOf: CliError});
	t.is(error?.message, `Failed to read credential '${path}': Connection refused`);
	t.is(error?.exitCode, errno.ECONNREFUSED);
});

test('duplicates are refused across --set- and --load-credential, before reading', async t => {
	const dir = scratchDir(t, 'cred-');
	await writeFile(join(dir, 'pw'), 'x');
	const loadAfterSet = await t.throwsAsync(collectCredentials([set('pw:1'), load(`pw:${dir}/does-not-exist`)]), {instanceOf: CliError});
	t.is(loadAfterSet?.message, "Duplicate credential 'pw', refusing.");
	t.is(loadAfterSet?.exitCode, errno.EEXIST);
	const setAfterLoad = await t.throwsAsync(collectCredentials([load(`pw:${dir}/pw`), set('pw:1')]), {instanceOf: CliError});
	t.is(setAfterLoad?.message, "Duplicate credential 'pw', refusing.");
});

test('--load-credential= needs an id and a source', async t => {
	const missing = await t.throwsAsync(collectCredentials([load('/etc/hostname')]), {instanceOf: CliError});
	t.is(missing?.message, 'Missing value for --load-credential=: /etc/hostname');
	const invalid = await t.throwsAsync(collectCredentials([load('a/b:/etc/hostname')]), {instanceOf: CliError});
	t.is(invalid?.message, 'Credential name is not valid: a/b');
});

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
(hasMkfifo ? test : test.skip)(`a pipe such as bash's <(...) is read to EOF${hasMkfifo ? '' : ' — skipped: no mkfifo here'}`, async t => {
	const dir = scratchDir(t, 'cred-');
	const fifo = join(dir, 'fifo');
	t.is(spawnSync('mkfifo', [fifo]).status, 0);
	const writer = writeFile(fifo, 'through a pipe');
	const store = await collectCredentials([load(`pw:${fifo}`)]);
	await writer;
	t.is(store.value('pw')?.toString(), 'through a pipe');
});
