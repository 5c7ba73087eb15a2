import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {deriveCids} from '@vmspawn/vsock';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import=tsx', '--conditions=@vmspawn/source', cli, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000});

test('the command prints one line on stderr and exits 22 for a bad option', t => {
	const result = run('--vsock-cid=2');
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-cid: invalid --vsock-cid=2: expected a CID from 3 to 4294967294\n');
});

test('the command prints the derived candidates one per line', t => {
	const result = run('derive', 'web1');
	t.is(result.status, 0);
	t.is(result.stdout, `${deriveCids('web1').join('\n')}\n`);
	t.is(result.stderr, '');
});
