import {fileURLToPath} from 'node:url';
import test from 'ava';
import {runSourceCli} from '@vmspawn/cli';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

async function run(args: readonly string[]) {
	return runSourceCli(cli, args);
}

test('a bad option prints one line on stderr and exits 22, with no stack trace', async t => {
	const result = await run(['--bind=/tmp:relative']);
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-fs: invalid --bind=/tmp:relative: the destination relative is not an absolute path\n');
});

test('an unknown option is refused the same way', async t => {
	const result = await run(['--frobnicate']);
	t.is(result.status, 22);
	t.is(result.stderr, 'vmspawn-fs: unknown option --frobnicate\n');
});

test('--image as the last word is refused instead of sharing the current directory', async t => {
	const result = await run(['--image']);
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-fs: option --image requires a value\n');
});
