import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import test from 'ava';
import {defaultBootEntry, findBootEntries} from '../src/index.js';

function tree(t: {teardown(fn: () => void): void}, files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'vmspawn-bls-test-'));
	t.teardown(() => rmSync(root, {recursive: true, force: true}));
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), {recursive: true});
		writeFileSync(join(root, path), content);
	}

	return root;
}

test('a Type #1 entry gives its kernel, initrds and options, relative to its partition', t => {
	const root = tree(t, {
		'boot/loader/entries/deb.conf': 'title Debian\nversion 6.1\nlinux /vmlinuz-6.1\ninitrd /initrd-6.1.img\ninitrd /ucode.img\noptions quiet  rw\n',
		'boot/vmlinuz-6.1': '',
		'boot/initrd-6.1.img': '',
		'boot/ucode.img': '',
	});
	t.deepEqual(findBootEntries(root), [
		{
			id: 'deb',
			type: 'type1',
			title: 'Debian',
			version: '6.1',
			linux: join(root, 'boot/vmlinuz-6.1'),
			initrds: [join(root, 'boot/initrd-6.1.img'), join(root, 'boot/ucode.img')],
			options: ['quiet', 'rw'],
		},
	]);
});

test('unified kernel images under EFI/Linux are Type #2 entries', t => {
	const root = tree(t, {'efi/EFI/Linux/fedora-6.9.efi': 'MZ'});
	t.deepEqual(
		findBootEntries(root).map(entry => [entry.type, entry.linux]),
		[['type2', join(root, 'efi/EFI/Linux/fedora-6.9.efi')]],
	);
});

test('the newest version comes first', t => {
	const root = tree(t, {
		'boot/loader/entries/a-6.1.conf': 'version 6.1.9\nlinux /a\n',
		'boot/loader/entries/a-6.10.conf': 'version 6.1.10\nlinux /b\n',
		'boot/a': '',
		'boot/b': '',
	});
	t.is(defaultBootEntry(root)?.id, 'a-6.10');
});

test('the loader.conf default wins', t => {
	const root = tree(t, {
		'boot/loader/entries/new.conf': 'version 2\nlinux /new\n',
		'boot/loader/entries/old.conf': 'version 1\nlinux /old\n',
		'efi/loader/loader.conf': 'timeout 3\ndefault old*\n',
		'boot/new': '',
		'boot/old': '',
	});
	t.is(defaultBootEntry(root)?.id, 'old');
});

test('an entry whose kernel is missing is skipped with a warning', t => {
	const root = tree(t, {'boot/loader/entries/x.conf': 'linux /gone\n'});
	const warnings: string[] = [];
	t.deepEqual(
		findBootEntries(root, message => warnings.push(message)),
		[],
	);
	t.deepEqual(warnings, [`ignoring boot entry ${root}/boot/loader/entries/x.conf: cannot resolve /gone in ${root}/boot: No such file or directory`]);
});

test('entries without a kernel are skipped; a tree without entries has none', t => {
	t.deepEqual(findBootEntries(tree(t, {'boot/loader/entries/x.conf': 'title no kernel\n'})), []);
	t.is(defaultBootEntry(tree(t, {'etc/os-release': ''})), undefined);
});

// The guest is hostile: whatever its tree names must resolve inside the tree.
function hostFile(t: {teardown(fn: () => void): void}): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-bls-host-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	writeFileSync(join(directory, 'secret'), 'host secret');
	return join(directory, 'secret');
}

function insideTree(root: string, path: string | undefined): boolean {
	return path !== undefined && realpathSync(path).startsWith(`${realpathSync(root)}/`);
}

test('attack: `..` in an entry stays in the tree (re-rooted, as chase() does)', t => {
	const secret = hostFile(t);
	const up = '/..'.repeat(30);
	const root = tree(t, {'boot/loader/entries/x.conf': `linux ${up}${secret}\ninitrd ${up}${secret}\n`, [`boot${secret}`]: 'guest kernel'});
	const [entry] = findBootEntries(root);
	t.is(entry?.linux, join(realpathSync(root), 'boot', secret));
	t.true(insideTree(root, entry?.initrds[0]));
});

test('attack: a kernel that is an absolute symlink to a host file is re-rooted in the tree', t => {
	const secret = hostFile(t);
	const root = tree(t, {'boot/loader/entries/x.conf': 'linux /vmlinuz\n'});
	symlinkSync(secret, join(root, 'boot/vmlinuz'));
	t.deepEqual(findBootEntries(root), [], 'the re-rooted target does not exist in the tree: no entry');
	mkdirSync(join(root, 'boot', dirname(secret)), {recursive: true});
	writeFileSync(join(root, 'boot', secret), 'guest kernel');
	t.true(insideTree(root, findBootEntries(root)[0]?.linux));
});

test('attack: a relative symlink up and out of the tree stops at its root', t => {
	const secret = hostFile(t);
	const root = tree(t, {'boot/loader/entries/x.conf': 'linux /vmlinuz\ninitrd /initrd\n', 'boot/initrd': ''});
	symlinkSync(`${'../'.repeat(30)}${secret.slice(1)}`, join(root, 'boot/vmlinuz'));
	const warnings: string[] = [];
	t.deepEqual(
		findBootEntries(root, message => warnings.push(message)),
		[],
	);
	t.regex(warnings[0] ?? '', /^ignoring boot entry .*x\.conf: cannot resolve \/vmlinuz in .*: No such file or directory$/);
});

test('attack: symlinked entry files, unified kernel images and directories do not leave the tree', t => {
	const secret = hostFile(t);
	const outside = dirname(secret);
	mkdirSync(join(outside, 'loader/entries'), {recursive: true});
	writeFileSync(join(outside, 'loader/entries/evil.conf'), `linux ${secret}\n`);
	const root = tree(t, {'efi/EFI/Linux/.keep': '', 'boot/loader/entries/.keep': ''});
	symlinkSync(join(outside, 'loader/entries/evil.conf'), join(root, 'boot/loader/entries/evil.conf'));
	symlinkSync(secret, join(root, 'efi/EFI/Linux/evil.efi'));
	symlinkSync(`../../../../../../../../..${outside}/loader`, join(root, 'efi/loader'));
	const entries = findBootEntries(root);
	t.deepEqual(entries, []);
	// The whole partition a symlink to the host's directory: re-rooted, it is not there.
	rmSync(join(root, 'boot'), {recursive: true});
	symlinkSync(outside, join(root, 'boot'));
	t.deepEqual(findBootEntries(root), []);
});

test('attack: a symlink loop is refused with a clear message', t => {
	const root = tree(t, {'boot/loader/entries/x.conf': 'linux /a\n'});
	symlinkSync('b', join(root, 'boot/a'));
	symlinkSync('/a', join(root, 'boot/b'));
	const warnings: string[] = [];
	t.deepEqual(
		findBootEntries(root, message => warnings.push(message)),
		[],
	);
	t.regex(warnings[0] ?? '', /^ignoring boot entry .*x\.conf: cannot resolve \/a in .*: too many levels of symbolic links$/);
});

test('attack: a kernel that is a FIFO is not an entry (reading it would block)', t => {
	const root = tree(t, {'boot/loader/entries/x.conf': 'linux /fifo\n', 'boot/loader/entries/y.conf': 'linux /dev\n', 'boot/dev/.keep': ''});
	execFileSync('mkfifo', [join(root, 'boot/fifo')]);
	symlinkSync(join(root, 'boot/fifo'), join(root, 'boot/loader/entries/z.conf'));
	t.deepEqual(findBootEntries(root), []);
});

test('attack: an entry file larger than 64 KiB is ignored with a warning', t => {
	const root = tree(t, {'boot/loader/entries/big.conf': `linux /vmlinuz\n${'#'.repeat(64 * 1024)}\n`, 'boot/vmlinuz': ''});
	const warnings: string[] = [];
	t.deepEqual(
		findBootEntries(root, message => warnings.push(message)),
		[],
	);
	t.regex(warnings[0] ?? '', /big\.conf: .*big\.conf is larger than 64 KiB$/);
});

test('attack: a loader.conf larger than 64 KiB is ignored with a warning, the best entry boots', t => {
	const root = tree(t, {
		'boot/loader/entries/new.conf': 'version 2\nlinux /new\n',
		'boot/loader/entries/old.conf': 'version 1\nlinux /old\n',
		'boot/loader/loader.conf': `default old\n${' '.repeat(64 * 1024)}`,
		'boot/new': '',
		'boot/old': '',
	});
	const warnings: string[] = [];
	t.is(defaultBootEntry(root, message => warnings.push(message))?.id, 'new');
	t.regex(warnings[0] ?? '', /loader\.conf is larger than 64 KiB$/);
});

test('attack: at most 1024 entries in all are read, names of more than 200 characters none', t => {
	const files: Record<string, string> = {'boot/vmlinuz': '', [`boot/loader/entries/${'x'.repeat(196)}.conf`]: 'linux /vmlinuz\n'};
	for (let index = 0; index < 1100; index++) {
		files[`boot/loader/entries/e${String(index).padStart(4, '0')}.conf`] = 'linux /vmlinuz\n';
	}

	files['efi/EFI/Linux/uki.efi'] = '';
	const warnings: string[] = [];
	const root = tree(t, files);
	const entries = findBootEntries(root, message => warnings.push(message));
	t.is(entries.length, 1024);
	t.false(entries.some(entry => entry.id.startsWith('x')));
	t.deepEqual(warnings, [`ignoring 1 of the 1025 boot entries in ${root}: at most 1024 are read`]);
});

test('attack: a loader.conf default longer than any entry id is ignored with a warning', t => {
	const root = tree(t, {
		'boot/loader/entries/new.conf': 'version 2\nlinux /new\n',
		'boot/loader/entries/old.conf': 'version 1\nlinux /old\n',
		'boot/loader/loader.conf': `default old${'*'.repeat(200)}\n`,
		'boot/new': '',
		'boot/old': '',
	});
	const warnings: string[] = [];
	t.is(defaultBootEntry(root, message => warnings.push(message))?.id, 'new');
	t.deepEqual(warnings, [`ignoring the loader.conf default of ${root}: longer than 200 characters`]);
});

test('attack: a loader.conf default that backtracks a RegExp exponentially is matched in linear time', t => {
	const root = tree(t, {
		[`boot/loader/entries/${'a'.repeat(60)}.conf`]: 'linux /vmlinuz\n',
		'boot/loader/loader.conf': `default ${'a*'.repeat(60)}c\n`,
		'boot/vmlinuz': '',
	});
	const start = performance.now();
	t.is(defaultBootEntry(root)?.id, 'a'.repeat(60));
	t.true(performance.now() - start < 1000, `${performance.now() - start} ms`);
});
