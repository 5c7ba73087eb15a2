import {chmodSync, chownSync, lstatSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {ownDirectoryProblem, ownFileStatsProblem, verifyOwnDirectory} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';
import {isRoot, needsRootReason, otherUid} from './helpers.js';

test('a private directory of ours passes both rules', async t => {
	const directory = scratchDir(t);
	chmodSync(directory, 0o700);
	t.is(ownDirectoryProblem(directory, 'private'), undefined);
	t.is(ownDirectoryProblem(directory, 'closed-to-writes'), undefined);
	t.notThrows(() => verifyOwnDirectory(directory, 'private', 'the base'));
});

test('a directory others may read is closed to writes but not private', async t => {
	const directory = join(scratchDir(t), 'shared');
	mkdirSync(directory);
	chmodSync(directory, 0o755);
	t.is(ownDirectoryProblem(directory, 'closed-to-writes'), undefined);
	t.like(ownDirectoryProblem(directory, 'private'), {code: 'EPERM', reason: 'its mode 0755 lets other users in'});
});

test('a world-writable directory is refused in one line with EPERM', async t => {
	const directory = join(scratchDir(t), 'open');
	mkdirSync(directory);
	chmodSync(directory, 0o777);
	const error = t.throws(() => verifyOwnDirectory(directory, 'closed-to-writes', 'the base'), {instanceOf: CliError});
	t.is(error?.message, `refusing the base ${directory}: its mode 0777 lets other users write to it`);
	t.is(error?.exitCode, errno.EPERM);
});

test('a symlink to a private directory of ours is refused, not followed', async t => {
	const directory = scratchDir(t);
	const link = join(directory, 'link');
	chmodSync(directory, 0o700);
	symlinkSync(directory, link);
	const error = t.throws(() => verifyOwnDirectory(link, 'private', 'the base'), {instanceOf: CliError});
	t.is(error?.message, `refusing the base ${link}: it is a symbolic link`);
	t.is(error?.exitCode, errno.ELOOP);
});

test('a file is not a directory', async t => {
	const file = join(scratchDir(t), 'file');
	writeFileSync(file, '');
	t.like(ownDirectoryProblem(file, 'private'), {code: 'ENOTDIR'});
});

test('nothing there is missing, and verifying it fails with ENOENT', async t => {
	const path = join(scratchDir(t), 'none');
	t.is(ownDirectoryProblem(path, 'private'), 'missing');
	t.is(t.throws(() => verifyOwnDirectory(path, 'private', 'the base'))?.message, `the base ${path} does not exist`);
});

(isRoot ? test : test.skip)(`a 0700 directory another user made is refused (${needsRootReason})`, async t => {
	const directory = join(scratchDir(t), 'theirs');
	mkdirSync(directory, {mode: 0o700});
	chownSync(directory, otherUid, otherUid);
	const error = t.throws(() => verifyOwnDirectory(directory, 'private', 'the base'), {instanceOf: CliError});
	t.is(error?.message, `refusing the base ${directory}: it is owned by uid ${otherUid}, not by uid 0`);
	t.is(error?.exitCode, errno.EPERM);
});

test("a regular file of ours passes; a symlink, a directory or another user's file does not", async t => {
	const directory = scratchDir(t);
	const file = join(directory, 'file');
	writeFileSync(file, '');
	symlinkSync(file, join(directory, 'link'));
	t.is(ownFileStatsProblem(lstatSync(file)), undefined);
	t.like(ownFileStatsProblem(lstatSync(join(directory, 'link'))), {code: 'ELOOP'});
	t.like(ownFileStatsProblem(lstatSync(directory)), {code: 'EINVAL'});
	t.like(ownFileStatsProblem(lstatSync(file), 4242), {code: 'EPERM', reason: `it is owned by uid ${process.getuid?.()}, not by uid 4242`});
});
