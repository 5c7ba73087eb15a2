import type {SshAddress} from '@vmspawn/plan';

/**
 * The ssh command that logs into the guest as root with the ephemeral key. Over
 * vsock it relies on systemd-ssh-proxy (systemd 256+ on the host), which handles
 * `vsock/CID`. The forwarded port's host key is made fresh by each guest, so it
 * is neither checked nor remembered: the key pair is what authenticates the run.
 */
export function sshCommand(address: SshAddress, privateKey: string): string[] {
	const identity = ['-i', privateKey, '-o', 'IdentitiesOnly=yes'];
	switch (address.transport) {
		case 'vsock': {
			return ['ssh', ...identity, `root@vsock/${address.cid}`];
		}

		case 'tcp': {
			return [
				'ssh',
				...identity,
				'-p',
				String(address.port),
				'-o',
				'StrictHostKeyChecking=no',
				'-o',
				'UserKnownHostsFile=/dev/null',
				'-o',
				'LogLevel=ERROR',
				`root@${address.host}`,
			];
		}

		case 'none': {
			return [];
		}
	}
}
