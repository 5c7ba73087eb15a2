import test from 'ava';
import {findBinary, runCommand} from '@vmspawn/host';
import {type CommandResult, type RunCommand, bestDefaultProfile, cachedCapabilityDetector, parseSetupCapabilities} from '../src/index.js';
import {fixture, fixtureCapabilities} from './helpers/fixtures.js';

test('swtpm_setup 0.7.1 (Debian 12) makes a TPM 2.0, knows --pcr-banks and --not-overwrite, has no profiles', t => {
	const probe = fixtureCapabilities('0.7.1');
	t.like(probe, {state: 'available', value: {version: '0.7.1', tpm2: true, pcrBanks: true, notOverwrite: true, profiles: false, profileNames: []}});
	t.true(probe.state === 'available' && probe.value.features.includes('tpm12-not-need-root'));
});

test('swtpm_setup 0.7.1 can make the EK and platform certificates and an ECC key', t => {
	t.like(fixtureCapabilities('0.7.1'), {state: 'available', value: {ekCertificate: true, platformCertificate: true, ecc: true}});
});

test('the newest default-vN profile is picked, and only where profiles are understood', t => {
	const base = {features: [], tpm2: true, pcrBanks: true, notOverwrite: true, ekCertificate: true, platformCertificate: true, ecc: true};
	t.is(bestDefaultProfile({...base, profiles: true, profileNames: ['default-v1', 'default-v10', 'default-v2', 'null', 'default-vx']}), 'default-v10');
	t.is(bestDefaultProfile({...base, profiles: true, profileNames: ['null', 'custom']}), undefined);
	t.is(bestDefaultProfile({...base, profiles: false, profileNames: ['default-v1']}), undefined);
});

test('swtpm_setup 0.10 lists its profiles', t => {
	t.like(fixtureCapabilities('0.10'), {
		state: 'available',
		value: {tpm2: true, notOverwrite: true, profiles: true, profileNames: ['default-v1', 'default-v2', 'null', 'custom']},
	});
});

test('an older swtpm_setup without TPM versions in its features is judged by its help; no --not-overwrite there', t => {
	t.like(fixtureCapabilities('0.4'), {state: 'available', value: {tpm2: true, pcrBanks: true, notOverwrite: false, profiles: false}});
});

test('a swtpm_setup whose libtpms lacks TPM 2.0 is unavailable', t => {
	const json = fixture('swtpm_setup-0.7.1.capabilities.json').replace('"tpm-2.0", ', '');
	t.deepEqual(parseSetupCapabilities(json, fixture('swtpm_setup-0.7.1.help.txt')), {
		state: 'unavailable',
		reason: 'swtpm_setup 0.7.1 cannot create a TPM 2.0 (libtpms without TPM 2.0 support)',
	});
});

test('output that is not JSON is an error, not a guess', t => {
	t.like(parseSetupCapabilities('Segmentation fault', ''), {state: 'error'});
});

function fakeRun(answers: Record<string, Partial<CommandResult>>): RunCommand & {calls: string[][]} {
	const calls: string[][] = [];
	const run = async (argv: readonly string[]) => {
		calls.push([...argv]);
		return {argv, code: 0, signal: null, timedOut: false, stdout: '', stderr: '', ...answers[argv[1] ?? '']};
	};

	return Object.assign(run, {calls});
}

test('the detector asks each binary once and caches the answer', async t => {
	const run = fakeRun({
		'--print-capabilities': {stdout: fixture('swtpm_setup-0.7.1.capabilities.json')},
		'--help': {stdout: fixture('swtpm_setup-0.7.1.help.txt')},
	});
	const detect = cachedCapabilityDetector(run);
	const first = await detect('/usr/bin/swtpm_setup');
	const second = await detect('/usr/bin/swtpm_setup');
	t.is(first, second);
	t.deepEqual(run.calls, [
		['/usr/bin/swtpm_setup', '--print-capabilities'],
		['/usr/bin/swtpm_setup', '--help'],
	]);
	await detect('/opt/swtpm/bin/swtpm_setup');
	t.is(run.calls.length, 4);
});

test('a swtpm_setup that refuses --print-capabilities is too old', async t => {
	const detect = cachedCapabilityDetector(fakeRun({'--print-capabilities': {code: 1, stderr: "swtpm_setup: unrecognized option '--print-capabilities'"}}));
	t.like(await detect('/usr/bin/swtpm_setup'), {
		state: 'unavailable',
		reason: '/usr/bin/swtpm_setup is too old to report its capabilities (swtpm 0.2 or newer is needed)',
	});
});

test('a swtpm_setup that cannot be started is an error', async t => {
	const detect = cachedCapabilityDetector(fakeRun({'--print-capabilities': {code: null, spawnError: 'EACCES'}}));
	t.deepEqual(await detect('/usr/bin/swtpm_setup'), {state: 'error', reason: '/usr/bin/swtpm_setup --print-capabilities could not be started (EACCES)'});
});

test('the real swtpm_setup on this host reports a TPM 2.0', async t => {
	const swtpmSetup = findBinary('swtpm_setup');
	if (swtpmSetup === undefined) {
		t.fail('swtpm_setup is not installed (Debian package swtpm-tools; scripts/setup.sh installs it)');
		return;
	}

	const probe = await cachedCapabilityDetector(runCommand)(swtpmSetup);
	t.like(probe, {state: 'available', value: {tpm2: true}});
});
