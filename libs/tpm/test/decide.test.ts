import test from 'ava';
import {CliError, type Tristate} from '@vmspawn/cli';
import {probeError, unavailable} from '@vmspawn/host';
import {decideTpm} from '../src/index.js';
import {fakeHost} from './helpers/fixtures.js';

const hosts = {
	'swtpm and swtpm_setup present': ['swtpm', 'swtpm_setup'],
	'swtpm absent': ['swtpm_setup'],
	'swtpm_setup absent': ['swtpm'],
	'both absent': [],
} as const;

// [mode, host] → enabled, or the error's exit code (ENOENT 2), or the reason it is off.
const table: Array<[Tristate, keyof typeof hosts, true | number | RegExp]> = [
	['yes', 'swtpm and swtpm_setup present', true],
	['auto', 'swtpm and swtpm_setup present', true],
	['no', 'swtpm and swtpm_setup present', /^disabled with --tpm=no$/],
	['yes', 'swtpm absent', 2],
	['yes', 'swtpm_setup absent', 2],
	['yes', 'both absent', 2],
	['auto', 'swtpm absent', /^swtpm not found on \$PATH/],
	['auto', 'swtpm_setup absent', /^swtpm_setup not found on \$PATH/],
	['auto', 'both absent', /^swtpm and swtpm_setup not found on \$PATH \(install the Debian packages swtpm and swtpm-tools\)$/],
	['no', 'both absent', /^disabled with --tpm=no$/],
];

for (const [mode, host, expected] of table) {
	test(`--tpm=${mode} with ${host}: ${expected === true ? 'on' : typeof expected === 'number' ? `fails with exit ${expected}` : 'off'}`, async t => {
		const run = decideTpm(mode, 'x86_64', fakeHost(hosts[host]));
		if (typeof expected === 'number') {
			const error = await t.throwsAsync(run, {instanceOf: CliError});
			t.is(error?.exitCode, expected);
			t.regex(error?.message ?? '', /^--tpm=yes, but .+ \(install the Debian packages swtpm and swtpm-tools\)$/);
			return;
		}

		const decision = await run;
		if (expected === true) {
			t.true(decision.enabled);
			t.like(decision, {swtpm: '/usr/bin/swtpm', swtpmSetup: '/usr/bin/swtpm_setup'});
		} else {
			t.false(decision.enabled);
			t.regex(decision.enabled ? '' : decision.reason, expected);
		}
	});
}

test('--tpm=yes on an architecture without a TPM device fails with EOPNOTSUPP', async t => {
	const error = await t.throwsAsync(decideTpm('yes', 'riscv64', fakeHost()), {instanceOf: CliError});
	t.is(error?.exitCode, 95);
	t.is(error?.message, '--tpm=yes, but the TPM is not supported on riscv64');
});

test('--tpm=auto on an architecture without a TPM device is off without asking the host', async t => {
	const host = fakeHost();
	t.deepEqual(await decideTpm('auto', 's390x', host), {enabled: false, reason: 'the TPM is not supported on s390x'});
	t.deepEqual(host.asked, []);
});

test('aarch64 has a TPM device', async t => {
	t.true((await decideTpm('auto', 'aarch64', fakeHost())).enabled);
});

test('a swtpm_setup that cannot make a TPM 2.0 turns auto off and fails yes', async t => {
	const host = fakeHost(undefined, unavailable('swtpm_setup cannot create a TPM 2.0'));
	t.deepEqual(await decideTpm('auto', 'x86_64', host), {enabled: false, reason: 'swtpm_setup cannot create a TPM 2.0'});
	const error = await t.throwsAsync(decideTpm('yes', 'x86_64', host), {instanceOf: CliError});
	t.is(error?.exitCode, 95);
});

test('a swtpm_setup that cannot be asked is fatal even with auto, with a way out', async t => {
	const host = fakeHost(undefined, probeError('/usr/bin/swtpm_setup --print-capabilities was killed by SIGSEGV'));
	const error = await t.throwsAsync(decideTpm('auto', 'x86_64', host), {instanceOf: CliError});
	t.is(error?.exitCode, 5);
	t.regex(error?.message ?? '', /^cannot tell whether swtpm can provide a TPM: .+ \(use --tpm=no to run without one\)$/);
});
