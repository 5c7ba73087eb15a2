import test from 'ava';
import {main} from '../src/index.js';
import {completeInBash, completionSyntaxTests, runInProcess} from '@vmspawn/testing';

async function script(shell: string): Promise<string> {
	return (await runInProcess(async io => main([`--completion=${shell}`], io))).stdout;
}

const bash = await script('bash');

test('bash offers the derive command and the vsock words', async t => {
	t.deepEqual(await completeInBash(bash, ['vmspawn-cid', '']), ['derive']);
	t.deepEqual(await completeInBash(bash, ['vmspawn-cid', '-M', 'web1', 'd']), ['derive']);
	t.deepEqual(await completeInBash(bash, ['vmspawn-cid', '--vsock', '=']), ['yes', 'no', 'auto']);
	t.deepEqual(await completeInBash(bash, ['vmspawn-cid', '--vsock-']), ['--vsock-cid=']);
});

completionSyntaxTests(test, script);
