import {fileURLToPath} from 'node:url';
import test from 'ava';
import {PLAN_FORMAT_VERSION} from '@vmspawn/plan';
import {runSourceCli} from '@vmspawn/testing';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

async function runCli(args: readonly string[]) {
	return runSourceCli(cli, args);
}

test('a bad option is one line on stderr naming it, exit 22, nothing on stdout', async t => {
	const result = await runCli(['--tpm=perhaps']);
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-tpm: invalid --tpm=perhaps: expected a boolean (yes/no, true/false, on/off, 1/0) or auto\n');
});

test('the command writes a plan that validates', async t => {
	const result = await runCli(['--tpm=no']);
	t.is(result.status, 0);
	t.is(result.stdout, `{"version":"${PLAN_FORMAT_VERSION}","tpm":{"enabled":false,"reason":"disabled with --tpm=no"}}\n`);
});
