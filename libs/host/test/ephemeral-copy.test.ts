import {existsSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {scratchDir} from '@vmspawn/testing';
import {ephemeralCopyPath, ephemeralCopyRecord, isEphemeralCopyPath, removeRecordedCopy} from '../src/index.js';

test('the copy is named beside its directory, and only such names pass', t => {
	const copy = ephemeralCopyPath('/srv/machines/web');
	t.regex(copy, /^\/srv\/machines\/\.#vmspawn\.web\.[\da-f]{16}$/);
	t.true(isEphemeralCopyPath(copy));
	t.true(isEphemeralCopyPath(copy, '/srv/machines/web'));
	t.false(isEphemeralCopyPath(copy, '/srv/machines/db'), "another directory's copy");
	t.false(isEphemeralCopyPath(copy, '/srv/web'), 'not beside the directory');
	for (const path of [
		'/home/user',
		'/srv/machines/.#vmspawn.web.xyz',
		'/srv/../etc/.#vmspawn.web.0123456789abcdef',
		'relative/.#vmspawn.web.0123456789abcdef',
	]) {
		t.false(isEphemeralCopyPath(path), path);
	}
});

test('a recorded copy goes with its runtime directory; a record naming anything else, or a symlink, removes nothing', t => {
	const scratch = scratchDir(t);
	const run = join(scratch, 'run');
	mkdirSync(run);
	const record = (path: string) => writeFileSync(join(run, ephemeralCopyRecord), `${path}\n`);

	const copy = join(scratch, '.#vmspawn.tree.0123456789abcdef');
	mkdirSync(join(copy, 'etc'), {recursive: true});
	symlinkSync('/etc', join(copy, 'host-etc'));
	record(copy);
	t.is(removeRecordedCopy(run), copy);
	t.false(existsSync(copy));
	t.true(existsSync('/etc/hostname') || existsSync('/etc/passwd'), 'a symlink inside was removed, not followed');

	const precious = join(scratch, 'precious');
	mkdirSync(precious);
	record(precious);
	t.is(removeRecordedCopy(run), undefined);
	t.true(existsSync(precious));

	const link = join(scratch, '.#vmspawn.tree.fedcba9876543210');
	symlinkSync(precious, link);
	record(link);
	t.is(removeRecordedCopy(run), undefined);
	t.true(existsSync(precious));
	t.is(removeRecordedCopy(join(scratch, 'no-run')), undefined);
});
