import test from 'ava';
import {CredentialStore} from '@vmspawn/credentials';
import {UsageError, shellLine} from '@vmspawn/cli';
import {SshKeyPair, planSsh, sshCommand, sshCredentials} from '../src/index.js';

const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP5p vmspawn-run@vm';

test("the guest gets the public key and upstream's sshd drop-in, in upstream's order", t => {
	const credentials = sshCredentials(publicKey, false);
	t.deepEqual(
		credentials.map(([id]) => id),
		['ssh.ephemeral-authorized_keys-all', 'systemd.unit-dropin.sshd-vsock@.service'],
	);
	t.is(credentials[0]![1], `${publicKey}\n`);
	t.is(
		credentials[1]![1],
		"[Service]\nExecStart=\nExecStart=-sshd -i -o 'AuthorizedKeysFile=%d/ssh.ephemeral-authorized_keys-all .ssh/authorized_keys'\nImportCredential=ssh.ephemeral-authorized_keys-all\n",
	);
});

test("with a forwarded port the guest is also told where to listen, away from its own sshd's port 22", t => {
	const credentials = sshCredentials(publicKey, true);
	t.deepEqual(
		credentials.slice(2).map(([id, value]) => [id, value.split('\n')[0]]),
		[
			['ssh.listen', '0.0.0.0:2222'],
			['systemd.unit-dropin.sshd-extra@.service', '[Service]'],
		],
	);
});

test('the ssh command for each way of reaching the guest', t => {
	t.deepEqual(sshCommand({transport: 'vsock', cid: 42}, '/run/k'), ['ssh', '-i', '/run/k', '-o', 'IdentitiesOnly=yes', 'root@vsock/42']);
	t.deepEqual(sshCommand({transport: 'tcp', host: '127.0.0.1', port: 2022}, '/run/k').slice(-1), ['root@127.0.0.1']);
	t.true(sshCommand({transport: 'tcp', host: '127.0.0.1', port: 2022}, '/run/k').join(' ').includes('-p 2022'));
	t.deepEqual(sshCommand({transport: 'none', reason: 'no way'}, '/run/k'), []);
});

test('the printed command quotes what a shell would split', t => {
	t.is(shellLine(['ssh', '-i', '/run/vmspawn/a b/key', 'root@vsock/3']), "ssh -i '/run/vmspawn/a b/key' root@vsock/3");
	t.is(shellLine(["it's"]), "'it'\\''s'");
});

test("planning adds the credentials after the user's and names the key file in the runtime directory", t => {
	const secrets = new CredentialStore();
	secrets.add('mine', Buffer.from('x'));
	const section = planSsh({
		keys: new SshKeyPair('ed25519', publicKey, Buffer.from('PRIVATE')),
		runtimeDir: '/run/vmspawn/vm-1',
		address: {transport: 'vsock', cid: 7},
		secrets,
	});
	t.deepEqual(secrets.ids, ['mine', 'ssh.ephemeral-authorized_keys-all', 'systemd.unit-dropin.sshd-vsock@.service']);
	t.is(section.privateKey, '/run/vmspawn/vm-1/ssh/id_ed25519');
	t.deepEqual(section.command, ['ssh', '-i', '/run/vmspawn/vm-1/ssh/id_ed25519', '-o', 'IdentitiesOnly=yes', 'root@vsock/7']);
	t.false(JSON.stringify(section).includes('PRIVATE'));
});

test("a user credential with the key's name is refused with a hint, not a generic duplicate", t => {
	const secrets = new CredentialStore();
	secrets.add('ssh.ephemeral-authorized_keys-all', Buffer.from('mine'));
	t.throws(
		() => planSsh({keys: new SshKeyPair('ed25519', publicKey, Buffer.from('p')), runtimeDir: '/run/x', address: {transport: 'none', reason: 'r'}, secrets}),
		{
			instanceOf: UsageError,
			message: "credential 'ssh.ephemeral-authorized_keys-all' is also passed by --pass-ssh-key; use --pass-ssh-key=no to pass your own",
		},
	);
});
