import test from 'ava';
import {type CommandResult, type RunCommand, runCommand} from '@vmspawn/host';
import {applicableLimits} from '../src/index.js';

const answering =
	(help: string, version = 'systemd 258 (258)\n+PAM'): RunCommand =>
	async argv =>
		({
			argv,
			code: 0,
			signal: null,
			timedOut: false,
			stderr: '',
			stdout: argv.includes('--help') ? help : version,
		}) satisfies CommandResult;

const limits = {maxUse: 1n << 40n, maxFiles: 3n};

test('a journal-remote that has --max-use= gets every limit', async t => {
	t.deepEqual(await applicableLimits('/x/journal-remote', limits, answering('  --max-use=BYTES  Maximum disk space\n')), {limits});
});

test('one without it gets none, and the warning names its systemd version', async t => {
	const result = await applicableLimits('/x/journal-remote', limits, answering('  --split-mode=MODE\n', 'systemd 252 (252.39-1~deb12u2)\n'));
	t.deepEqual(result.limits, {});
	t.is(
		result.warning,
		'systemd-journal-remote of systemd 252 cannot limit the forwarded journal (it has no --max-use=): --forward-journal-max-use= and the other limits are not applied; its own defaults are',
	);
});

test('no limits asked for: journal-remote is not even asked', async t => {
	const result = await applicableLimits('/x/journal-remote', {}, async () => t.fail('ran a command') as never);
	t.deepEqual(result, {limits: {}});
});

const installed = '/usr/lib/systemd/systemd-journal-remote';
test('the installed systemd-journal-remote is probed for real', async t => {
	const {existsSync} = await import('node:fs');
	if (!existsSync(installed)) {
		t.fail(`${installed} is missing: scripts/setup.sh installs systemd-journal-remote`);
		return;
	}

	const result = await applicableLimits(installed, limits, runCommand);
	// Debian 12's (252) has no limits; a newer one takes them all.
	t.true(result.warning === undefined ? result.limits === limits : Object.keys(result.limits).length === 0 && /cannot limit/.test(result.warning));
});
