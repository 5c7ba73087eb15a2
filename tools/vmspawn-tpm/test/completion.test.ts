import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {main} from '../src/index.js';
import {completeInBash, completionSyntaxTests, runInProcess} from '@vmspawn/testing';

async function script(shell: string): Promise<string> {
	return (await runInProcess(async io => main([`--completion=${shell}`], io))).stdout;
}

const bash = await script('bash');

test('bash offers the TPM words, and off, auto or a directory for the state', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-tpm-completion-'));
	try {
		mkdirSync(join(directory, 'state'));
		const complete = async (...words: string[]) => completeInBash(bash, ['vmspawn-tpm', ...words], {cwd: directory});
		t.deepEqual(await complete('--tpm', '='), ['yes', 'no', 'auto']);
		t.deepEqual(await complete('--tpm-state', '='), ['off', 'auto', 'state']);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

completionSyntaxTests(test, script);
