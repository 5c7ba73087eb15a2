import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {ephemeralCopyRecord, findBinary, realHost, removeRecordedCopy} from '@vmspawn/host';
import type {FsRoot} from '@vmspawn/plan';
import {scratchDir} from '@vmspawn/testing';
import {createEphemeralCopy} from '../src/index.js';

// A btrfs file system in a loop-mounted file: needs root and btrfs-progs (scripts/setup.sh installs them).
const mkfs = findBinary('mkfs.btrfs', ['/usr/sbin/mkfs.btrfs', '/sbin/mkfs.btrfs']);
const btrfs = findBinary('btrfs', ['/usr/bin/btrfs', '/usr/sbin/btrfs', '/sbin/btrfs']);
const usable = process.getuid?.() === 0 && mkfs !== undefined && btrfs !== undefined;
const why = usable ? '' : ' — skipped: needs root and btrfs-progs';

function btrfsMount(t: {teardown(fn: () => void): void}): string {
	const scratch = scratchDir(t);
	const image = join(scratch, 'btrfs.img');
	const mount = join(scratch, 'mnt');
	mkdirSync(mount);
	execFileSync('truncate', ['-s', '128M', image]);
	execFileSync(mkfs!, ['-q', image]);
	execFileSync('mount', ['-o', 'loop', image, mount]);
	t.teardown(() => execFileSync('umount', [mount]));
	return mount;
}

const root = (path: string, copy: string): Extract<FsRoot, {kind: 'directory'}> => ({
	kind: 'directory',
	path,
	tag: 'root',
	share: {socket: '/run/s', helper: {name: 'v', argv: ['v']}},
	ephemeral: {copy},
});

(usable ? test.serial : test.skip)(
	`a btrfs subvolume root is snapshotted, and the snapshot deleted as a subvolume; a plain directory there is reflinked without a word about cost${why}`,
	async t => {
		const mount = btrfsMount(t);
		const run = join(mount, 'run');
		mkdirSync(run);
		const subvolume = join(mount, 'tree');
		execFileSync(btrfs!, ['subvolume', 'create', subvolume], {stdio: 'ignore'});
		writeFileSync(join(subvolume, 'file'), 'data');
		const said: string[] = [];
		const copy = join(mount, '.#vmspawn.tree.0123456789abcdef');
		await createEphemeralCopy(root(subvolume, copy), run, message => said.push(message), process.env, realHost);
		t.is(statSync(copy).ino, 256, 'the copy is a subvolume of its own: a snapshot');
		t.is(readFileSync(join(copy, 'file'), 'utf8'), 'data');
		t.is(readFileSync(join(run, ephemeralCopyRecord), 'utf8'), `${copy}\n`);
		t.is(removeRecordedCopy(run), copy);
		t.false(execFileSync(btrfs!, ['subvolume', 'list', mount], {encoding: 'utf8'}).includes('.#vmspawn.'), 'the snapshot was deleted as a subvolume');

		const plain = join(mount, 'plain');
		mkdirSync(plain);
		writeFileSync(join(plain, 'file'), 'data');
		const run2 = join(mount, 'run2');
		mkdirSync(run2);
		const copy2 = join(mount, '.#vmspawn.plain.0123456789abcdef');
		await createEphemeralCopy(root(plain, copy2), run2, message => said.push(message), process.env, realHost);
		t.not(statSync(copy2).ino, 256, 'a plain directory is copied, not snapshotted');
		t.is(readFileSync(join(copy2, 'file'), 'utf8'), 'data');
		t.deepEqual(said, [], 'btrfs reflinks: no word about the cost of a full copy');
		t.is(removeRecordedCopy(run2), copy2);
	},
);
