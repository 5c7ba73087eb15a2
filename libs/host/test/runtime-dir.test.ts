import {chmodSync, chownSync, mkdirSync, readdirSync, statSync, symlinkSync} from 'node:fs';
import {basename, join} from 'node:path';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {newRuntimeDir, prepareRuntimeBase, runtimeBase, runtimeBaseRule, runtimeDirNamePattern} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';
import {isRoot, needsRootReason, otherUid} from './helpers.js';

test('the base is /run/vmspawn for root, $XDG_RUNTIME_DIR/vmspawn for a user, else per user under $TMPDIR', t => {
	t.is(runtimeBase({}, 0), '/run/vmspawn');
	t.is(runtimeBase({XDG_RUNTIME_DIR: '/run/user/1000'}, 1000), '/run/user/1000/vmspawn');
	t.is(runtimeBase({TMPDIR: '/var/tmp'}, 1000), '/var/tmp/vmspawn-1000');
	t.is(runtimeBase({VMSPAWN_RUNTIME_DIR: '/srv/runs'}, 0), '/srv/runs');
});

test('only the bases under /run and $XDG_RUNTIME_DIR may be readable by others; every other one must be private', t => {
	t.is(runtimeBaseRule('/run/vmspawn', {}, 0), 'closed-to-writes');
	t.is(runtimeBaseRule('/run/user/1000/vmspawn', {XDG_RUNTIME_DIR: '/run/user/1000'}, 1000), 'closed-to-writes');
	t.is(runtimeBaseRule('/tmp/vmspawn-1000', {}, 1000), 'private');
	t.is(runtimeBaseRule('/run/vmspawn', {}, 1000), 'private');
	t.is(runtimeBaseRule('/srv/runs', {VMSPAWN_RUNTIME_DIR: '/srv/runs'}, 0), 'private');
});

test('a run directory name matches the pattern the stale sweep looks for', t => {
	t.regex(basename(newRuntimeDir('a-rather-long-machine-name-indeed', {VMSPAWN_RUNTIME_DIR: '/r'})), runtimeDirNamePattern);
	t.notRegex('owner.pid', runtimeDirNamePattern);
});

test('a missing base under $TMPDIR is created 0700', async t => {
	const base = join(scratchDir(t), 'vmspawn-1000');
	prepareRuntimeBase(base, {TMPDIR: '/unused'});
	t.is(statSync(base).mode & 0o777, 0o700);
});

test('ATTACK: a mode-777 base planted in the shared temporary directory is refused, nothing created in it', async t => {
	const base = join(scratchDir(t), `vmspawn-${process.getuid?.()}`);
	mkdirSync(base);
	chmodSync(base, 0o777);
	const error = t.throws(() => prepareRuntimeBase(base, {TMPDIR: '/unused'}), {instanceOf: CliError});
	t.is(error?.message, `refusing the runtime directory base ${base}: its mode 0777 lets other users in`);
	t.is(error?.exitCode, errno.EPERM);
	t.deepEqual(readdirSync(base), []);
});

test('ATTACK: a base that is a symlink to a private directory of ours is refused', async t => {
	const directory = scratchDir(t);
	const target = join(directory, 'elsewhere');
	mkdirSync(target, {mode: 0o700});
	const base = join(directory, 'vmspawn-0');
	symlinkSync(target, base);
	t.throws(() => prepareRuntimeBase(base, {}), {instanceOf: CliError, message: /it is a symbolic link$/});
});

(isRoot ? test : test.skip)(`ATTACK: a 0700 base another user made first is refused (${needsRootReason})`, async t => {
	const base = join(scratchDir(t), 'vmspawn-0');
	mkdirSync(base, {mode: 0o700});
	chownSync(base, otherUid, otherUid);
	t.throws(() => prepareRuntimeBase(base, {VMSPAWN_RUNTIME_DIR: base}), {instanceOf: CliError, message: /owned by uid 65534/});
});
