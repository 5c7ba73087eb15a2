import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {mergeInitrds} from '../src/index.js';

test('initrds are concatenated, each at a 4-byte aligned offset, into a private file', async t => {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-initrd-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	await writeFile(join(directory, 'a'), 'abcde');
	await writeFile(join(directory, 'b'), 'XY');
	await writeFile(join(directory, 'c'), 'Z');
	const target = join(directory, 'merged');
	await mergeInitrds([join(directory, 'a'), join(directory, 'b'), join(directory, 'c')], target);
	t.deepEqual(await readFile(target), Buffer.from('abcde\0\0\0XY\0\0Z'));
	t.is((await stat(target)).mode & 0o777, 0o600);
});

test('merging never overwrites an existing file', async t => {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-initrd-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	await writeFile(join(directory, 'a'), 'a');
	await writeFile(join(directory, 'merged'), 'keep');
	await t.throwsAsync(mergeInitrds([join(directory, 'a')], join(directory, 'merged')), {code: 'EEXIST'});
});
