import {fileURLToPath} from 'node:url';
import test from 'ava';
import {deriveCids} from '@vmspawn/vsock';
import {runSourceCli} from '@vmspawn/testing';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = async (...args: string[]) => runSourceCli(cli, args);

test('the command prints one line on stderr and exits 22 for a bad option', async t => {
	const result = await run('--vsock-cid=2');
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-cid: invalid --vsock-cid=2: expected a CID from 3 to 4294967294\n');
});

test('the command prints the derived candidates one per line', async t => {
	const result = await run('derive', 'web1');
	t.is(result.status, 0);
	t.is(result.stdout, `${deriveCids('web1').join('\n')}\n`);
	t.is(result.stderr, '');
});
