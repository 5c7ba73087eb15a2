import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: readonly string[]) {
	return spawnSync(process.execPath, ['--import=tsx', '--conditions=@vmspawn/source', cli, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000});
}

test('a bad option prints one line on stderr and exits 22, with no stack trace', t => {
	const result = run(['--bind=/tmp:relative']);
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-fs: invalid --bind=/tmp:relative: the destination relative is not an absolute path\n');
});

test('an unknown option is refused the same way', t => {
	const result = run(['--frobnicate']);
	t.is(result.status, 22);
	t.is(result.stderr, 'vmspawn-fs: unknown option --frobnicate\n');
});
