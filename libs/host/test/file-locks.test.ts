import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {locksOn, vmLocks} from '../src/index.js';

function scratchFile(t: {teardown(fn: () => void): void}): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-locks-test-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	writeFileSync(join(directory, 'disk.raw'), 'x');
	return join(directory, 'disk.raw');
}

test('a file nobody locks has no locks', t => {
	t.deepEqual(locksOn(scratchFile(t)), []);
});

test('a lock held by another process is found (a real flock)', async t => {
	const file = scratchFile(t);
	const holder = spawn('flock', ['--exclusive', file, 'sleep', '30'], {stdio: 'ignore'});
	t.teardown(() => holder.kill('SIGKILL'));
	let locks = locksOn(file);
	for (let attempt = 0; attempt < 50 && locks.length === 0; attempt++) {
		await delay(20);
		locks = locksOn(file);
	}

	t.is(locks.length, 1);
	t.is(locks[0]?.kind, 'FLOCK');
});

test('lines of other files and blocked waiters are ignored', t => {
	const file = scratchFile(t);
	const {ino} = statSync(file);
	const procLocks = [
		`1: OFDLCK ADVISORY  READ  -1 00:00:${ino + 1} 100 100`,
		`2: FLOCK  ADVISORY  WRITE 77 ff:ff:${ino} 0 EOF`,
		`2: -> FLOCK  ADVISORY  WRITE 78 00:00:${ino} 0 EOF`,
	].join('\n');
	t.deepEqual(locksOn(file, procLocks), []);
});

test("only qemu's OFD locks count as a VM using the file; a whole-file flock like mkosi's does not", t => {
	const locks = [
		{kind: 'FLOCK', type: 'WRITE', pid: 4242},
		{kind: 'POSIX', type: 'WRITE', pid: 4243},
		{kind: 'OFDLCK', type: 'READ', pid: -1},
	];
	t.deepEqual(vmLocks(locks), [{kind: 'OFDLCK', type: 'READ', pid: -1}]);
});
