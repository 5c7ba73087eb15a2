import test from 'ava';
import {fixtureEnv, packageDir} from './helpers.js';
import {runSourceCli} from '@vmspawn/testing';

// Two real processes, to prove what runCli makes of an error: one line on stderr and errno 22.
async function spawnCli(...argv: string[]) {
	return runSourceCli('src/cli.ts', argv, {cwd: packageDir, env: {...process.env, ...fixtureEnv}});
}

test('a bad option value exits 22 with one line naming the tool and option', async t => {
	const result = await spawnCli('--secure-boot=maybe');
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-firmware: invalid --secure-boot=maybe: expected a boolean (yes/no, true/false, on/off, 1/0) or auto\n');
});

test('a relative --firmware path exits 22 with one line', async t => {
	const result = await spawnCli('select', '--firmware=OVMF.json');
	t.is(result.status, 22);
	t.is(result.stderr, "vmspawn-firmware: invalid --firmware=OVMF.json: absolute path or path starting with './' required\n");
});
