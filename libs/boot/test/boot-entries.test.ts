import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
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
	const root = tree(t, {'boot/loader/entries/deb.conf': 'title Debian\nversion 6.1\nlinux /vmlinuz-6.1\ninitrd /initrd-6.1.img\ninitrd /ucode.img\noptions quiet  rw\n'});
	t.deepEqual(findBootEntries(root), [{
		id: 'deb', type: 'type1', title: 'Debian', version: '6.1',
		linux: join(root, 'boot/vmlinuz-6.1'), initrds: [join(root, 'boot/initrd-6.1.img'), join(root, 'boot/ucode.img')], options: ['quiet', 'rw'],
	}]);
});

test('unified kernel images under EFI/Linux are Type #2 entries', t => {
	const root = tree(t, {'efi/EFI/Linux/fedora-6.9.efi': 'MZ'});
	t.deepEqual(findBootEntries(root).map(entry => [entry.type, entry.linux]), [['type2', join(root, 'efi/EFI/Linux/fedora-6.9.efi')]]);
});

test('the newest version comes first', t => {
	const root = tree(t, {
		'boot/loader/entries/a-6.1.conf': 'version 6.1.9\nlinux /a\n',
		'boot/loader/entries/a-6.10.conf': 'version 6.1.10\nlinux /b\n',
	});
	t.is(defaultBootEntry(root)?.id, 'a-6.10');
});

test('the loader.conf default wins', t => {
	const root = tree(t, {
		'boot/loader/entries/new.conf': 'version 2\nlinux /new\n',
		'boot/loader/entries/old.conf': 'version 1\nlinux /old\n',
		'efi/loader/loader.conf': 'timeout 3\ndefault old*\n',
	});
	t.is(defaultBootEntry(root)?.id, 'old');
});

test('entries without a kernel are skipped; a tree without entries has none', t => {
	t.deepEqual(findBootEntries(tree(t, {'boot/loader/entries/x.conf': 'title no kernel\n'})), []);
	t.is(defaultBootEntry(tree(t, {'etc/os-release': ''})), undefined);
});
