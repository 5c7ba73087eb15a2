/** The credential systemd's sshd units read the ephemeral public key from. */
export const AUTHORIZED_KEYS_CREDENTIAL = 'ssh.ephemeral-authorized_keys-all';

/** systemd-ssh-generator (256+) reads extra addresses for sshd to listen on from this credential. */
export const LISTEN_CREDENTIAL = 'ssh.listen';

/**
 * The guest port an sshd listens on for the forwarded loopback port when there is no
 * vsock. Not 22: a guest's own sshd (ssh.service) may hold that port without
 * accepting the ephemeral key, and the two must not fight over it.
 */
export const FORWARDED_GUEST_PORT = 2222;

// Distributions that ship their own sshd@.service make the generator use it, and it
// does not import the key: upstream's drop-in points sshd at the credential.
function sshdDropIn(): string {
	return [
		'[Service]',
		'ExecStart=',
		`ExecStart=-sshd -i -o 'AuthorizedKeysFile=%d/${AUTHORIZED_KEYS_CREDENTIAL} .ssh/authorized_keys'`,
		`ImportCredential=${AUTHORIZED_KEYS_CREDENTIAL}`,
		'',
	].join('\n');
}

/**
 * The credentials that let the guest's sshd accept the ephemeral key, in the order
 * upstream passes them: the key, then the drop-in for the vsock socket's service;
 * with a forwarded port also the listen address and the same drop-in for its service.
 */
export function sshCredentials(publicKey: string, forwarded: boolean): Array<[id: string, value: string]> {
	const credentials: Array<[string, string]> = [
		[AUTHORIZED_KEYS_CREDENTIAL, `${publicKey}\n`],
		['systemd.unit-dropin.sshd-vsock@.service', sshdDropIn()],
	];
	if (forwarded) {
		credentials.push([LISTEN_CREDENTIAL, `0.0.0.0:${FORWARDED_GUEST_PORT}\n`], ['systemd.unit-dropin.sshd-extra@.service', sshdDropIn()]);
	}

	return credentials;
}
