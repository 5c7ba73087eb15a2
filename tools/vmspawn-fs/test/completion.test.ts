import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {main} from '../src/index.js';
import {completeInBash, completionSyntaxTests, runInProcess} from '@vmspawn/testing';

async function script(shell: string): Promise<string> {
	return (await runInProcess(async io => main([`--completion=${shell}`], io))).stdout;
}

const bash = await script('bash');

test('bash offers directories for the root and shares, files for images', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-fs-completion-'));
	try {
		mkdirSync(join(directory, 'root'));
		writeFileSync(join(directory, 'root.raw'), '');
		const complete = async (...words: string[]) => completeInBash(bash, ['vmspawn-fs', ...words], {cwd: directory});
		t.deepEqual(await complete('-D', 'ro'), ['root']);
		t.deepEqual(await complete('--bind-ro', '=', 'ro'), ['root']);
		t.deepEqual((await complete('--image', '=', 'ro')).sort(), ['root', 'root.raw']);
		t.deepEqual(await complete('--discard-disk', '='), ['yes', 'no']);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

completionSyntaxTests(test, script);
