import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {parseSetupCapabilities, planTpm, parseTpmState} from '../src/index.js';
import {fakeHost, fixture, fixtureCapabilities} from './helpers/fixtures.js';

const runtimeDir = '/run/vmspawn/vm1-0011aabb';
const image = '/var/lib/machines/vm1.raw';

test('an ephemeral TPM lives in the runtime directory, with the exact swtpm_setup and swtpm command lines', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'off'}, arch: 'x86_64', runtimeDir, image}, fakeHost());
	t.deepEqual(section, {
		enabled: true,
		stateDir: '/run/vmspawn/vm1-0011aabb/tpm',
		persistent: false,
		socket: '/run/vmspawn/vm1-0011aabb/tpm.sock',
		manufacture: {
			argv: [
				'/usr/bin/swtpm_setup',
				'--tpm-state',
				'/run/vmspawn/vm1-0011aabb/tpm',
				'--tpm2',
				'--pcr-banks',
				'sha256',
				'--ecc',
				'--createek',
				'--create-ek-cert',
				'--create-platform-cert',
				'--not-overwrite',
				'--config',
				'/run/vmspawn/vm1-0011aabb/tpm/swtpm_setup.conf',
			],
			skipWhenExists: '/run/vmspawn/vm1-0011aabb/tpm/.manufactured',
			marker: '/run/vmspawn/vm1-0011aabb/tpm/.manufactured',
			files: [
				{
					path: '/run/vmspawn/vm1-0011aabb/tpm/swtpm-localca.conf',
					content:
						'statedir = /run/vmspawn/vm1-0011aabb/tpm\nsigningkey = /run/vmspawn/vm1-0011aabb/tpm/signing-private-key.pem\n' +
						'issuercert = /run/vmspawn/vm1-0011aabb/tpm/issuer-certificate.pem\ncertserial = /run/vmspawn/vm1-0011aabb/tpm/certserial\n',
				},
				{
					path: '/run/vmspawn/vm1-0011aabb/tpm/swtpm-localca.options',
					content: '--platform-manufacturer systemd\n--platform-version 2.1\n--platform-model swtpm\n',
				},
				{
					path: '/run/vmspawn/vm1-0011aabb/tpm/swtpm_setup.conf',
					content:
						'create_certs_tool = /usr/bin/swtpm_localca\ncreate_certs_tool_config = /run/vmspawn/vm1-0011aabb/tpm/swtpm-localca.conf\n' +
						'create_certs_tool_options = /run/vmspawn/vm1-0011aabb/tpm/swtpm-localca.options\n',
				},
			],
		},
		helper: {
			name: 'swtpm',
			argv: [
				'/usr/bin/swtpm',
				'socket',
				'--tpm2',
				'--tpmstate',
				'dir=/run/vmspawn/vm1-0011aabb/tpm,mode=0600',
				'--ctrl',
				'type=unixio,path=/run/vmspawn/vm1-0011aabb/tpm.sock,mode=0600',
				'--terminate',
			],
			socket: '/run/vmspawn/vm1-0011aabb/tpm.sock',
		},
	});
});

test('--tpm-state=auto keeps the state next to the image', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'auto'}, arch: 'x86_64', runtimeDir, image}, fakeHost());
	t.like(section, {stateDir: '/var/lib/machines/vm1.raw.tpmstate', persistent: true, socket: `${runtimeDir}/tpm.sock`});
	t.is(section.manufacture?.skipWhenExists, '/var/lib/machines/vm1.raw.tpmstate/.manufactured');
});

test('--tpm-state=auto without an image is ephemeral', async t => {
	t.like(await planTpm({mode: 'auto', state: {kind: 'auto'}, arch: 'x86_64', runtimeDir}, fakeHost()), {stateDir: `${runtimeDir}/tpm`, persistent: false});
});

test('--tpm-state=PATH keeps the state there, made absolute', async t => {
	const state = parseTpmState('vm1.tpm', '/home/user/vms');
	t.deepEqual(state, {kind: 'path', path: '/home/user/vms/vm1.tpm'});
	t.like(await planTpm({mode: 'yes', state, arch: 'x86_64', runtimeDir, image}, fakeHost()), {stateDir: '/home/user/vms/vm1.tpm', persistent: true});
});

test('--tpm-state= spellings', t => {
	t.deepEqual(parseTpmState('off'), {kind: 'off'});
	t.deepEqual(parseTpmState('auto'), {kind: 'auto'});
	t.deepEqual(parseTpmState(''), {kind: 'auto'});
	t.deepEqual(parseTpmState('/srv/tpm'), {kind: 'path', path: '/srv/tpm'});
});

test('a disabled TPM is only the flag and the reason, whatever the state mode', async t => {
	for (const state of [{kind: 'off'}, {kind: 'auto'}, {kind: 'path', path: '/srv/tpm'}] as const) {
		t.deepEqual(await planTpm({mode: 'no', state, arch: 'x86_64', runtimeDir, image}, fakeHost()), {enabled: false, reason: 'disabled with --tpm=no'});
		t.deepEqual(await planTpm({mode: 'auto', state, arch: 'x86_64', runtimeDir, image}, fakeHost([])), {
			enabled: false,
			reason: 'swtpm and swtpm_setup not found on $PATH (install the Debian packages swtpm and swtpm-tools)',
		});
	}
});

test('swtpm_setup without --not-overwrite is not given it; the permanent state file guards state made before the marker', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'auto'}, arch: 'x86_64', runtimeDir, image}, fakeHost(undefined, fixtureCapabilities('0.4')));
	t.like(section.manufacture, {
		skipWhenExists: '/var/lib/machines/vm1.raw.tpmstate/tpm2-00.permall',
		marker: '/var/lib/machines/vm1.raw.tpmstate/.manufactured',
	});
	t.false(section.manufacture?.argv.includes('--not-overwrite'));
});

test('without swtpm_localca the TPM gets an EK but no certificates, and the plan says so', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'off'}, arch: 'x86_64', runtimeDir}, fakeHost(['swtpm', 'swtpm_setup']));
	t.deepEqual(section.manufacture?.argv.slice(3), ['--tpm2', '--pcr-banks', 'sha256', '--ecc', '--createek', '--not-overwrite']);
	t.is(section.manufacture?.files, undefined);
	t.deepEqual(section.manufacture?.omitted, ['the EK and platform certificates (swtpm_localca not found; it is in the Debian package swtpm-tools)']);
});

test('a swtpm_setup without --ecc or --create-platform-cert leaves those out and says so', async t => {
	const help = fixture('swtpm_setup-0.7.1.help.txt')
		.replace(/^--ecc .*$/m, '')
		.replace(/^--create-platform-cert$/m, '');
	const probe = parseSetupCapabilities(fixture('swtpm_setup-0.7.1.capabilities.json'), help);
	const section = await planTpm({mode: 'auto', state: {kind: 'off'}, arch: 'x86_64', runtimeDir}, fakeHost(undefined, probe));
	t.deepEqual(section.manufacture?.argv.slice(5, 9), ['sha256', '--createek', '--create-ek-cert', '--not-overwrite']);
	t.deepEqual(section.manufacture?.omitted, [
		'the ECC storage primary key (swtpm_setup has no --ecc)',
		'the platform certificate (swtpm_setup has no --create-platform-cert)',
	]);
});

test('a swtpm_setup with the default-v2 profile is asked for it, as upstream does', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'off'}, arch: 'x86_64', runtimeDir}, fakeHost(undefined, fixtureCapabilities('0.10')));
	t.deepEqual(section.manufacture?.argv.slice(-2), ['--profile-name', 'default-v2']);
});

test('a state directory with a comma is refused: swtpm cannot take it', async t => {
	const error = await t.throwsAsync(planTpm({mode: 'auto', state: {kind: 'path', path: '/srv/a,b'}, arch: 'x86_64', runtimeDir}, fakeHost()), {
		instanceOf: CliError,
	});
	t.is(error?.message, 'the TPM state directory /srv/a,b contains a comma, which swtpm cannot take in a path');
	t.is(error?.exitCode, 22);
});

test('a socket path longer than a unix socket allows is refused', async t => {
	const error = await t.throwsAsync(planTpm({mode: 'auto', state: {kind: 'off'}, arch: 'x86_64', runtimeDir: `/run/${'x'.repeat(100)}`}, fakeHost()), {
		instanceOf: CliError,
	});
	t.is(error?.exitCode, 36);
});
