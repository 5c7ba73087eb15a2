import {closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import test, {type ExecutionContext} from 'ava';
import {PlanError} from '@vmspawn/plan';
import {readPlanFile, readPlanInput} from '../src/index.js';
import {readStreamCapped} from '../src/read-capped.js';

const tooLarge = {instanceOf: PlanError, message: 'plan: larger than 16 MiB'};

function tempFile(t: ExecutionContext, size: number): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-plan-io-'));
	t.teardown(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	const path = join(directory, 'plan.json');
	writeFileSync(path, '');
	truncateSync(path, size);
	return path;
}

test('an endless stream is read only up to the cap, then refused', async t => {
	let pulled = 0;
	const endless = Readable.from(
		(function* () {
			for (;;) {
				pulled += 65_536;
				yield Buffer.alloc(65_536, 0x20);
			}
		})(),
	);
	await t.throwsAsync(readStreamCapped(endless), tooLarge);
	t.true(pulled <= 16 * 1024 * 1024 + 65_536 * 2, `${pulled} bytes pulled`);
	t.true(endless.destroyed);
});

test('a 100 MB plan file on stdin is refused without reading it', async t => {
	const fd = openSync(tempFile(t, 100 * 1024 * 1024), 'r');
	t.teardown(() => {
		closeSync(fd);
	});
	await t.throwsAsync(readPlanInput(fd), tooLarge);
});

test('a plan file that never ends (/dev/zero) is refused at the cap', async t => {
	await t.throwsAsync(readPlanFile('/dev/zero'), tooLarge);
});

test('a large plan file named by path is refused', async t => {
	await t.throwsAsync(readPlanFile(tempFile(t, 17 * 1024 * 1024)), tooLarge);
});

test('a plan just under the cap is still read', async t => {
	const path = tempFile(t, 0);
	writeFileSync(path, JSON.stringify({version: '1.0', padding: 'x'.repeat(16 * 1024 * 1024 - 100)}));
	t.is((await readPlanFile(path)).version, '1.0');
});
