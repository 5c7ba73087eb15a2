import {execFileSync} from 'node:child_process';
import {chownSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {chmodOwnNoFollow, createExclusiveFile, createExclusiveFileSync, readOwnFile} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';
import {isRoot, needsRootReason, otherUid} from './helpers.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

test('a new file gets exactly the mode asked for, whatever the umask', async t => {
	const directory = scratchDir(t);
	await createExclusiveFile(join(directory, 'a'), 'one', 0o640);
	// Set and restored synchronously: the umask is the whole process's, and tests run concurrently.
	const previous = process.umask(0o077);
	try {
		createExclusiveFileSync(join(directory, 'b'), 'two', 0o644);
	} finally {
		process.umask(previous);
	}

	t.is(modeOf(join(directory, 'a')), 0o640);
	t.is(modeOf(join(directory, 'b')), 0o644);
	t.is(readFileSync(join(directory, 'b'), 'utf8'), 'two');
});

test('an existing file is never overwritten', async t => {
	const file = join(scratchDir(t), 'taken');
	writeFileSync(file, 'theirs');
	await t.throwsAsync(createExclusiveFile(file, 'ours', 0o600), {code: 'EEXIST'});
	t.throws(() => createExclusiveFileSync(file, 'ours', 0o600), {code: 'EEXIST'});
	t.is(readFileSync(file, 'utf8'), 'theirs');
});

test('a planted symlink is not followed, not even a dangling one', async t => {
	const directory = scratchDir(t);
	const target = join(directory, 'target');
	const link = join(directory, 'link');
	symlinkSync(target, link);
	await t.throwsAsync(createExclusiveFile(link, 'ours', 0o600), {code: 'EEXIST'});
	t.throws(() => createExclusiveFileSync(link, 'ours', 0o600), {code: 'EEXIST'});
	t.throws(() => lstatSync(target), {code: 'ENOENT'});
});

test('readOwnFile reads our regular file, and nothing through a symlink or from a fifo', async t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'file'), 'content');
	symlinkSync(join(directory, 'file'), join(directory, 'link'));
	execFileSync('mkfifo', [join(directory, 'fifo')]);
	t.is(readOwnFile(join(directory, 'file')), 'content');
	t.is(readOwnFile(join(directory, 'link')), undefined);
	t.is(readOwnFile(join(directory, 'fifo')), undefined);
	t.is(readOwnFile(join(directory, 'missing')), undefined);
});

test('chmodOwnNoFollow changes our file and refuses a symlink with ELOOP, leaving its target alone', async t => {
	const directory = scratchDir(t);
	const file = join(directory, 'file');
	writeFileSync(file, '', {mode: 0o644});
	symlinkSync(file, join(directory, 'link'));
	t.is(chmodOwnNoFollow(file, 0o600).mode & 0o777, 0o644);
	t.is(modeOf(file), 0o600);
	t.throws(() => chmodOwnNoFollow(join(directory, 'link'), 0o666), {code: 'ELOOP'});
	t.is(modeOf(file), 0o600);
});

(isRoot ? test : test.skip)(`another user's file is neither read nor chmodded (${needsRootReason})`, async t => {
	const file = join(scratchDir(t), 'theirs');
	writeFileSync(file, 'planted', {mode: 0o644});
	chownSync(file, otherUid, otherUid);
	t.is(readOwnFile(file), undefined);
	t.throws(() => chmodOwnNoFollow(file, 0o600), {code: 'EPERM'});
	t.is(modeOf(file), 0o644);
});
