import test from 'ava';
import {completeInBash, completionShells, completionSyntaxError, runInProcess, shellInstalled} from '@vmspawn/cli';
import {main} from '../src/index.js';

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

for (const shell of completionShells) {
	const installed = shellInstalled(shell);
	(installed ? test : test.skip)(`the ${shell} script parses${installed ? '' : ` (skipped: ${shell} is not installed)`}`, async t => {
		t.is(await completionSyntaxError(shell, await script(shell)), undefined);
	});
}
