import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {planTpm, parseTpmState} from '../src/index.js';
import {fakeHost, fixtureCapabilities} from './helpers/fixtures.js';

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
			argv: ['/usr/bin/swtpm_setup', '--tpm-state', '/run/vmspawn/vm1-0011aabb/tpm', '--tpm2', '--pcr-banks', 'sha256', '--not-overwrite'],
			skipWhenExists: '/run/vmspawn/vm1-0011aabb/tpm/tpm2-00.permall',
		},
		helper: {
			name: 'swtpm',
			argv: ['/usr/bin/swtpm', 'socket', '--tpm2', '--tpmstate', 'dir=/run/vmspawn/vm1-0011aabb/tpm,mode=0600', '--ctrl', 'type=unixio,path=/run/vmspawn/vm1-0011aabb/tpm.sock,mode=0600', '--terminate'],
			socket: '/run/vmspawn/vm1-0011aabb/tpm.sock',
		},
	});
});

test('--tpm-state=auto keeps the state next to the image', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'auto'}, arch: 'x86_64', runtimeDir, image}, fakeHost());
	t.like(section, {stateDir: '/var/lib/machines/vm1.raw.tpmstate', persistent: true, socket: `${runtimeDir}/tpm.sock`});
	t.is(section.manufacture?.skipWhenExists, '/var/lib/machines/vm1.raw.tpmstate/tpm2-00.permall');
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

test('swtpm_setup without --not-overwrite is not given it; the skip file still guards the state', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'auto'}, arch: 'x86_64', runtimeDir, image}, fakeHost(undefined, fixtureCapabilities('0.4')));
	t.deepEqual(section.manufacture, {
		argv: ['/usr/bin/swtpm_setup', '--tpm-state', '/var/lib/machines/vm1.raw.tpmstate', '--tpm2', '--pcr-banks', 'sha256'],
		skipWhenExists: '/var/lib/machines/vm1.raw.tpmstate/tpm2-00.permall',
	});
});

test('a swtpm_setup with the default-v2 profile is asked for it, as upstream does', async t => {
	const section = await planTpm({mode: 'auto', state: {kind: 'off'}, arch: 'x86_64', runtimeDir}, fakeHost(undefined, fixtureCapabilities('0.10')));
	t.deepEqual(section.manufacture?.argv.slice(-3), ['--not-overwrite', '--profile-name', 'default-v2']);
});

test('a state directory with a comma is refused: swtpm cannot take it', async t => {
	const error = await t.throwsAsync(planTpm({mode: 'auto', state: {kind: 'path', path: '/srv/a,b'}, arch: 'x86_64', runtimeDir}, fakeHost()), {instanceOf: CliError});
	t.is(error?.message, 'the TPM state directory /srv/a,b contains a comma, which swtpm cannot take in a path');
	t.is(error?.exitCode, 22);
});

test('a socket path longer than a unix socket allows is refused', async t => {
	const error = await t.throwsAsync(planTpm({mode: 'auto', state: {kind: 'off'}, arch: 'x86_64', runtimeDir: `/run/${'x'.repeat(100)}`}, fakeHost()), {instanceOf: CliError});
	t.is(error?.exitCode, 36);
});
