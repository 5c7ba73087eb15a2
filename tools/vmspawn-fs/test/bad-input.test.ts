import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {runSourceCli} from '@vmspawn/testing';

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

test('a bad --bind-user= value, an unknown user and a lone --bind-user-shell= are each one line naming the option', async t => {
	const badName = await run(['--directory=/srv', '--bind-user=9lives']);
	t.is(badName.status, 22);
	t.is(badName.stdout, '');
	t.is(badName.stderr, 'vmspawn-fs: invalid --bind-user=9lives: expected a user or group name: a letter or _, then letters, digits, _ or -, at most 31\n');
	const unknown = await run(['--directory=/srv', '--bind-user=no_such_user_here']);
	t.is(unknown.status, 3);
	t.is(unknown.stderr, 'vmspawn-fs: invalid --bind-user=no_such_user_here: no such user on the host\n');
	const lone = await run(['--directory=/srv', '--bind-user-shell=/bin/sh']);
	t.is(lone.status, 22);
	t.is(lone.stderr, 'vmspawn-fs: --bind-user-shell= needs --bind-user=\n');
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

async function runAfter(producer: string, args: readonly string[]) {
	const command = `${producer} | '${process.execPath}' --import=tsx --conditions=@vmspawn/source '${cli}' ${args.join(' ')}`;
	return new Promise<{code: number | null; stdout: string; stderr: string}>(resolve => {
		execFile('sh', ['-c', command], {encoding: 'utf8', timeout: 60_000}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr});
		});
	});
}

// `yes` never stops writing: the tool must stop reading at the cap, refuse in one line, and exit.
test('an endless plan on a pipe is refused at 16 MiB with one line', async t => {
	const result = await runAfter('yes', ['--directory=/srv']);
	t.is(result.code, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-fs: plan: larger than 16 MiB\n');
});

test('a plan nested 200000 deep is one line and exit 22, not a stack overflow', async t => {
	const result = await runAfter(`node -e 'process.stdout.write("{\\"version\\":\\"1.0\\",\\"x\\":" + "[".repeat(2e5) + "]".repeat(2e5) + "}")'`, [
		'--directory=/srv',
	]);
	t.is(result.code, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-fs: plan: nested deeper than 64 levels\n');
});
