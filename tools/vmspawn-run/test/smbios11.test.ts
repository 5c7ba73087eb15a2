import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {scratchDir} from '@vmspawn/testing';
import {runMain} from './helpers.js';

type DryRun = {plan: Record<string, any>; argv: string[]};

const base = ['--dry-run', '-q', '--kvm=no', '--tpm=no', '--pass-ssh-key=no', '-D', '.', '-M', 'vm1', '--linux=/k'];

async function dryRun(argv: readonly string[]): Promise<DryRun> {
	const {status, stdout} = await runMain([...base, ...argv]);
	if (status !== 0) {
		throw new Error(`exit status ${status}`);
	}

	return JSON.parse(stdout) as DryRun;
}

const smbiosValues = (argv: string[]) => argv.flatMap((word, index) => (word === '-smbios' ? [argv[index + 1]!] : []));

test('-s/--smbios11 strings go into the boot section and reach qemu in order, commas doubled', async t => {
	const output = await dryRun(['-s', 'io.systemd.credential:a=1', '--smbios11=x,y', '--smbios11', 'grüße\nzwei']);
	t.deepEqual(output.plan['boot'].smbios11, ['io.systemd.credential:a=1', 'x,y', 'grüße\nzwei']);
	t.deepEqual(smbiosValues(output.argv), ['type=11,value=io.systemd.credential:a=1', 'type=11,value=x,,y', 'type=11,value=grüße\nzwei']);
});

test('an empty --smbios11= adds nothing; none leaves the plan without the field', async t => {
	t.deepEqual((await dryRun(['-s', 'a', '--smbios11', '', '-s', 'b'])).plan['boot'].smbios11, ['a', 'b']);
	const none = await dryRun(['--smbios11=']);
	t.false('smbios11' in none.plan['boot']);
	t.deepEqual(smbiosValues(none.argv), []);
});

test('a string that is not UTF-8 clean is refused in one line before anything is planned', async t => {
	// Node decodes invalid bytes in argv as U+FFFD; an unpaired surrogate is what a library caller could pass.
	for (const value of ['bad\uFFFDbyte', 'half \uD800 pair']) {
		const error = await t.throwsAsync(runMain([...base, `--smbios11=${value}`]), {instanceOf: CliError});
		t.is(error?.message, 'invalid --smbios11=: SMBIOS type 11 string is not UTF-8 clean, refusing');
		t.is(error?.exitCode, 22);
	}
});

test('a NUL is refused in one line', async t => {
	const error = await t.throwsAsync(runMain([...base, '--smbios11=a\0b']), {instanceOf: CliError});
	t.is(error?.message, 'invalid --smbios11=: SMBIOS type 11 string contains a NUL character, refusing');
});

test("a plan's smbios11 must be well-formed and NUL-free too", async t => {
	const dir = scratchDir(t);
	const plan = (await dryRun(['-s', 'ok'])).plan;
	for (const [value, problem] of [
		['a\0b', /no NUL/],
		['\uDC00', /unpaired surrogate/],
		['', /too small|>=1/],
	] as const) {
		const file = join(dir, 'plan.json');
		writeFileSync(file, JSON.stringify({version: plan['version'], boot: {...plan['boot'], smbios11: [value]}}));
		const error = await t.throwsAsync(runMain(['--dry-run', '-q', '--kvm=no', '--tpm=no', '-M', 'vm1', `--plan=${file}`]));
		t.regex(error?.message ?? '', /boot\.smbios11\[0\]|boot\.smbios11\.0/);
		t.regex(error?.message ?? '', problem);
	}
});

test('--smbios11 conflicts with an incoming boot section', async t => {
	const dir = scratchDir(t);
	const plan = (await dryRun([])).plan;
	const file = join(dir, 'plan.json');
	writeFileSync(file, JSON.stringify({version: plan['version'], boot: plan['boot']}));
	const error = await t.throwsAsync(runMain(['--dry-run', '-q', `--plan=${file}`, '-s', 'a']), {instanceOf: CliError});
	t.is(error?.message, '--smbios11 conflicts with the boot section of the incoming plan; leave the option out or edit the plan');
});

test('--help and completion know -s/--smbios11', async t => {
	const {stdout} = await runMain(['--help']);
	t.regex(stdout, /-s, --smbios11=STRING\s+Pass an SMBIOS type 11 string to the guest/);
	const bash = (await runMain(['--completion=bash'])).stdout;
	t.true(bash.includes('--smbios11='));
});
