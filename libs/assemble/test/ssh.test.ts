import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {CredentialStore} from '@vmspawn/credentials';
import {deriveCids} from '@vmspawn/vsock';
import {type RunOptions, buildInvocation, completePlan} from '../src/index.js';
import {imitatedVsockDevice, fakeHost} from '@vmspawn/testing';
import {directBootOptions} from './helpers/options.js';

const options: RunOptions = {
	...directBootOptions,
	ssh: {pass: true, explicit: false, keyType: 'ed25519'},
};
const userMode = {userMode: true, tap: false, ports: []};

test("without vsock, user-mode networking forwards a free loopback port to the guest's sshd and the command uses it", async t => {
	const secrets = new CredentialStore();
	const {plan, sshKeys} = await completePlan({version: '1.0'}, {...options, network: userMode}, {env: process.env, secrets, host: fakeHost()});
	t.truthy(sshKeys);
	t.is(plan.network.mode, 'user');
	const forward = plan.network.mode === 'user' ? plan.network.ports[0] : undefined;
	t.like(forward, {protocol: 'tcp', hostAddress: '127.0.0.1', guestPort: 2222});
	t.deepEqual(plan.ssh?.address, {transport: 'tcp', host: '127.0.0.1', port: forward!.hostPort});
	t.deepEqual(secrets.ids, [
		'ssh.ephemeral-authorized_keys-all',
		'systemd.unit-dropin.sshd-vsock@.service',
		'ssh.listen',
		'systemd.unit-dropin.sshd-extra@.service',
	]);
	t.deepEqual(
		plan.credentials?.entries.map(entry => entry.id),
		secrets.ids,
	);
	const invocation = await buildInvocation(plan, {env: process.env, claim: true, secrets, sshKeys: sshKeys!, host: fakeHost()});
	t.true(invocation.sshNotice?.startsWith(`log into the guest with: ssh -i ${plan.runtime.dir}/ssh/id_ed25519 `));
	t.true(invocation.argv.some(word => word.includes(`hostfwd=tcp:127.0.0.1:${forward!.hostPort}-:2222`)));
});

test("with vsock the command goes to the guest's CID, and follows it when the CID moves at run time (imitated vhost-vsock device)", async t => {
	const secrets = new CredentialStore();
	const {plan, sshKeys} = await completePlan(
		{version: '1.0'},
		{...options, vsock: {mode: 'yes'}},
		{env: process.env, secrets, host: fakeHost({vsockDevice: imitatedVsockDevice()})},
	);
	const [first, second] = deriveCids('vm1');
	t.deepEqual(plan.ssh?.address, {transport: 'vsock', cid: first});
	t.is(plan.ssh?.command.at(-1), `root@vsock/${first}`);
	const invocation = await buildInvocation(plan, {
		env: process.env,
		claim: true,
		secrets,
		sshKeys: sshKeys!,
		host: fakeHost({vsockDevice: imitatedVsockDevice({taken: [first!]})}),
	});
	t.deepEqual(invocation.plan.ssh?.address, {transport: 'vsock', cid: second});
	t.is(invocation.plan.ssh?.command.at(-1), `root@vsock/${second}`);
});

test('with neither vsock nor a network the key is still passed, the plan says why it cannot be used, and nothing is printed', async t => {
	const secrets = new CredentialStore();
	const {plan, sshKeys} = await completePlan({version: '1.0'}, options, {env: process.env, secrets, host: fakeHost()});
	t.like(plan.ssh?.address, {transport: 'none'});
	t.regex(plan.ssh?.address.transport === 'none' ? plan.ssh.address.reason : '', /add --network-user-mode/);
	t.deepEqual(plan.ssh?.command, []);
	t.true(secrets.has('ssh.ephemeral-authorized_keys-all'));
	const invocation = await buildInvocation(plan, {env: process.env, claim: true, secrets, sshKeys: sshKeys!, host: fakeHost()});
	t.deepEqual(invocation.notices, []);
	t.is(invocation.sshNotice, undefined);
});

test('an ssh section cannot arrive in a plan', async t => {
	await t.throwsAsync(
		completePlan({version: '1.0', ssh: {keyType: 'x', privateKey: '/k', publicKey: 'p', address: {transport: 'none', reason: 'r'}, command: []}}, options, {
			env: process.env,
			host: fakeHost(),
			secrets: new CredentialStore(),
		}),
		{
			instanceOf: UsageError,
			message: /^plan\.ssh: an SSH key cannot arrive in a plan/,
		},
	);
});

test('without ssh-keygen the default steps back with a warning; an explicit --pass-ssh-key=yes fails', async t => {
	const env = {...process.env, PATH: '/nonexistent'};
	const {plan, warnings, sshKeys} = await completePlan(
		{version: '1.0'},
		{...options, network: userMode},
		{env, secrets: new CredentialStore(), host: fakeHost()},
	);
	t.is(plan.ssh, undefined);
	t.is(sshKeys, undefined);
	t.deepEqual(plan.network, {mode: 'user', ports: []}, 'no port is forwarded for an SSH that is not there');
	t.true(warnings.some(warning => warning.startsWith('ssh-keygen not found (Debian: openssh-client)')));
	await t.throwsAsync(
		completePlan(
			{version: '1.0'},
			{...options, ssh: {pass: true, explicit: true, keyType: 'ed25519'}},
			{env, secrets: new CredentialStore(), host: fakeHost()},
		),
		{instanceOf: CliError, message: /openssh-client/},
	);
});

test('--pass-ssh-key=no makes no key and passes no credential', async t => {
	const secrets = new CredentialStore();
	const {plan} = await completePlan(
		{version: '1.0'},
		{...options, ssh: {pass: false, explicit: true, keyType: 'ed25519'}, network: userMode},
		{env: process.env, secrets, host: fakeHost()},
	);
	t.is(plan.ssh, undefined);
	t.is(secrets.size, 0);
	t.deepEqual(plan.network, {mode: 'user', ports: []});
});
