import {mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {chaseFileInRoot, chaseInRoot, maxSymlinkHops} from '../src/chase.js';

function root(t: {teardown(fn: () => void): void}): string {
	const directory = realpathSync(mkdtempSync(join(tmpdir(), 'vmspawn-chase-test-')));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	mkdirSync(join(directory, 'etc'));
	writeFileSync(join(directory, 'etc/passwd'), 'guest');
	return directory;
}

test('a plain path resolves below the root, `.` and empty components dropped', t => {
	const directory = root(t);
	t.is(chaseInRoot(directory, 'etc/./passwd'), join(directory, 'etc/passwd'));
	t.is(chaseInRoot(directory, '//etc//passwd'), join(directory, 'etc/passwd'));
	t.is(chaseInRoot(directory, '/'), directory);
});

test('`..` stops at the root', t => {
	const directory = root(t);
	t.is(chaseInRoot(directory, `${'../'.repeat(40)}etc/passwd`), join(directory, 'etc/passwd'));
	t.is(chaseInRoot(directory, '/etc/../../../etc/passwd'), join(directory, 'etc/passwd'));
});

test('an absolute symbolic link is re-rooted at the root', t => {
	const directory = root(t);
	symlinkSync('/etc/passwd', join(directory, 'link'));
	t.is(chaseInRoot(directory, 'link'), join(directory, 'etc/passwd'));
});

test('a relative symbolic link up and out stops at the root', t => {
	const directory = root(t);
	mkdirSync(join(directory, 'a/b'), {recursive: true});
	symlinkSync('../../../../../../../etc/passwd', join(directory, 'a/b/link'));
	t.is(chaseInRoot(directory, 'a/b/link'), join(directory, 'etc/passwd'));
});

test('a symlinked intermediate directory is resolved inside the root too', t => {
	const directory = root(t);
	symlinkSync('/', join(directory, 'up'));
	symlinkSync('../../../..', join(directory, 'etc/far'));
	t.is(chaseInRoot(directory, 'up/etc/passwd'), join(directory, 'etc/passwd'));
	t.is(chaseInRoot(directory, 'etc/far/etc/passwd'), join(directory, 'etc/passwd'));
	// Where the host's own /etc/hostname would be: not in the tree, so not found.
	t.throws(() => chaseInRoot(directory, 'up/etc/hostname'), {
		instanceOf: CliError,
		message: `cannot resolve up/etc/hostname in ${directory}: No such file or directory`,
	});
});

test('a symbolic link loop is ELOOP', t => {
	const directory = root(t);
	symlinkSync('b', join(directory, 'a'));
	symlinkSync('/a', join(directory, 'b'));
	const error = t.throws(() => chaseInRoot(directory, 'a'), {
		instanceOf: CliError,
		message: `cannot resolve a in ${directory}: too many levels of symbolic links`,
	});
	t.is(error.exitCode, errno.ELOOP);
});

test(`a chain of ${maxSymlinkHops} links resolves, one more is ELOOP`, t => {
	const directory = root(t);
	for (let hop = 0; hop <= maxSymlinkHops; hop++) {
		symlinkSync(hop === 0 ? 'etc/passwd' : `l${hop - 1}`, join(directory, `l${hop}`));
	}

	t.is(chaseInRoot(directory, `l${maxSymlinkHops - 1}`), join(directory, 'etc/passwd'));
	t.throws(() => chaseInRoot(directory, `l${maxSymlinkHops}`), {message: /too many levels of symbolic links$/});
});

test('a file in the middle of a path is ENOTDIR; a file that must be regular cannot be a directory', t => {
	const directory = root(t);
	t.throws(() => chaseInRoot(directory, 'etc/passwd/x'), {message: `cannot resolve etc/passwd/x in ${directory}: Not a directory`});
	t.throws(() => chaseFileInRoot(directory, 'etc'), {message: `cannot resolve etc in ${directory}: not a regular file`});
});

test("a root given through a symbolic link is resolved first (the root is the user's, trusted)", t => {
	const directory = root(t);
	const alias = `${directory}-alias`;
	symlinkSync(directory, alias);
	t.teardown(() => rmSync(alias, {force: true}));
	t.is(chaseInRoot(alias, 'etc/passwd'), join(directory, 'etc/passwd'));
});
