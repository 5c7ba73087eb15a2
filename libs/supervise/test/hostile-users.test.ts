import {chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {currentProcessIdentity} from '@vmspawn/host';
import {STATUS_FORMAT_VERSION, type VmStatus} from '@vmspawn/plan';
import {createRuntimeDir, listRunningVms, removeStaleRuntimeDirs, statusFilePath, writeStatusFile} from '../src/index.js';

// Other local users are hostile: whatever they can make before a run must not redirect it.
// Files "of another user" are made by chown to nobody, which needs root (as CI runs).
const otherUid = 65_534;
const isRoot = process.getuid?.() === 0;
const asRoot = isRoot ? test : test.skip;
const needsRoot = "(needs root: another user's files are made with chown)";
const deadOwner = '999999999 1\n';

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-hostile-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

function status(runtimeDir: string, name: string): VmStatus {
	const owner = currentProcessIdentity();
	return {
		version: STATUS_FORMAT_VERSION,
		name,
		state: 'running',
		startedAt: '2025-01-02T03:04:05.678Z',
		pid: owner.pid,
		pidStartTime: owner.startTime,
		runtimeDir,
		helpers: [],
		sockets: {},
		console: 'headless',
		root: {kind: 'directory', path: `/srv/${name}`},
	};
}

/** A run directory as a run of ours leaves it, owner.pid saying who owns it. */
function runDir(base: string, name: string, owner = deadOwner): string {
	const directory = join(base, name);
	mkdirSync(directory, {mode: 0o700});
	writeFileSync(join(directory, 'owner.pid'), owner);
	return directory;
}

test('ATTACK: a run refuses a world-writable runtime base made before it, in one line, creating nothing', async t => {
	const base = join(await scratch(t), 'vmspawn-0');
	mkdirSync(base);
	chmodSync(base, 0o777);
	const error = await t.throwsAsync(createRuntimeDir(join(base, 'web-0badcafe'), {}), {instanceOf: CliError});
	t.is(error?.message, `refusing the runtime directory base ${base}: its mode 0777 lets other users in`);
	t.is(error?.exitCode, errno.EPERM);
	t.deepEqual(readdirSync(base), []);
});

test('ATTACK: a run refuses a runtime base that is a symlink, even to a private directory', async t => {
	const directory = await scratch(t);
	mkdirSync(join(directory, 'elsewhere'), {mode: 0o700});
	symlinkSync(join(directory, 'elsewhere'), join(directory, 'vmspawn-0'));
	await t.throwsAsync(createRuntimeDir(join(directory, 'vmspawn-0', 'web-0badcafe'), {}), {instanceOf: CliError, message: /symbolic link/});
	t.deepEqual(readdirSync(join(directory, 'elsewhere')), []);
});

asRoot(`ATTACK: a run refuses a private runtime base another user made ${needsRoot}`, async t => {
	const base = join(await scratch(t), 'vmspawn-0');
	mkdirSync(base, {mode: 0o700});
	chownSync(base, otherUid, otherUid);
	await t.throwsAsync(createRuntimeDir(join(base, 'web-0badcafe'), {}), {instanceOf: CliError, message: /owned by uid 65534/});
	t.deepEqual(readdirSync(base), []);
});

test('a run creates a missing base 0700, its directory 0700 and owner.pid 0600', async t => {
	const base = join(await scratch(t), 'vmspawn-0');
	const directory = join(base, 'web-0badcafe');
	await createRuntimeDir(directory, {});
	t.is(lstatSync(base).mode & 0o777, 0o700);
	t.is(lstatSync(directory).mode & 0o777, 0o700);
	t.is(lstatSync(join(directory, 'owner.pid')).mode & 0o777, 0o600);
});

test('ATTACK: the stale sweep neither follows nor removes a symlink planted as a dead run', async t => {
	const base = await scratch(t);
	const victim = runDir(await scratch(t), 'victim');
	symlinkSync(victim, join(base, 'web-0badcafe'));
	t.deepEqual(removeStaleRuntimeDirs(base, {}), []);
	t.true(existsSync(join(victim, 'owner.pid')));
	t.is(readlinkSync(join(base, 'web-0badcafe')), victim);
});

test('ATTACK: the stale sweep ignores a run whose owner.pid is a symlink', async t => {
	const base = await scratch(t);
	writeFileSync(join(base, 'dead-owner'), deadOwner);
	const directory = join(base, 'web-0badcafe');
	mkdirSync(directory, {mode: 0o700});
	symlinkSync(join(base, 'dead-owner'), join(directory, 'owner.pid'));
	t.deepEqual(removeStaleRuntimeDirs(base, {}), []);
	t.true(existsSync(directory));
});

test('the stale sweep removes only directories named as runs are', async t => {
	const base = await scratch(t);
	const run = runDir(base, 'web-0badcafe');
	const other = runDir(base, 'not-a-run');
	t.deepEqual(removeStaleRuntimeDirs(base, {}), [run]);
	t.true(existsSync(other));
});

test('ATTACK: the stale sweep removes nothing from a base other users can write to', async t => {
	const base = await scratch(t);
	const run = runDir(base, 'web-0badcafe');
	chmodSync(base, 0o777);
	t.deepEqual(removeStaleRuntimeDirs(base, {}), []);
	t.true(existsSync(run));
});

asRoot(`ATTACK: the stale sweep leaves another user's dead run alone ${needsRoot}`, async t => {
	const base = await scratch(t);
	const theirs = runDir(base, 'web-0badcafe');
	chownSync(theirs, otherUid, otherUid);
	const theirOwnerFile = runDir(base, 'db-0badcafe');
	chownSync(join(theirOwnerFile, 'owner.pid'), otherUid, otherUid);
	t.deepEqual(removeStaleRuntimeDirs(base, {}), []);
	t.true(existsSync(theirs));
	t.true(existsSync(theirOwnerFile));
});

test('ATTACK: --list refuses a runtime base other users can write to', async t => {
	const base = await scratch(t);
	chmodSync(base, 0o777);
	t.throws(() => listRunningVms({VMSPAWN_RUNTIME_DIR: base}), {
		instanceOf: CliError,
		message: /^refusing the runtime directory base .*: its mode 0777 lets other users in$/,
	});
});

test('ATTACK: --list ignores a status file that is a symlink to a status elsewhere', async t => {
	const base = await scratch(t);
	const elsewhere = await scratch(t);
	writeStatusFile(elsewhere, status(elsewhere, 'planted'));
	const directory = runDir(base, 'web-0badcafe', `${process.pid} ${currentProcessIdentity().startTime}\n`);
	symlinkSync(statusFilePath(elsewhere), statusFilePath(directory));
	t.deepEqual(listRunningVms({VMSPAWN_RUNTIME_DIR: base}), []);
});

asRoot(`ATTACK: --list ignores runs and status files of another user ${needsRoot}`, async t => {
	const base = await scratch(t);
	const owner = `${process.pid} ${currentProcessIdentity().startTime}\n`;
	const theirRun = runDir(base, 'web-0badcafe', owner);
	writeStatusFile(theirRun, status(theirRun, 'their-run'));
	chownSync(theirRun, otherUid, otherUid);
	const theirStatus = runDir(base, 'db-0badcafe', owner);
	writeStatusFile(theirStatus, status(theirStatus, 'their-status'));
	chownSync(statusFilePath(theirStatus), otherUid, otherUid);
	const ours = runDir(base, 'ours-0badcafe', owner);
	writeStatusFile(ours, status(ours, 'ours'));
	t.deepEqual(
		listRunningVms({VMSPAWN_RUNTIME_DIR: base}).map(vm => vm.name),
		['ours'],
	);
});

test('ATTACK: a status.json.tmp planted as a symlink is not written through', async t => {
	const directory = await scratch(t);
	const target = join(await scratch(t), 'target');
	writeFileSync(target, 'precious\n');
	symlinkSync(target, `${statusFilePath(directory)}.tmp`);
	writeStatusFile(directory, status(directory, 'web'));
	t.is(readFileSync(target, 'utf8'), 'precious\n');
	t.false(lstatSync(statusFilePath(directory)).isSymbolicLink());
});
