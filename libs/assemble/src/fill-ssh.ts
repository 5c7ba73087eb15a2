import {UsageError} from '@vmspawn/cli';
import type {CredentialStore} from '@vmspawn/credentials';
import {findFreeTcpPort} from '@vmspawn/network';
import {type Plan, type PortForward, type Section, type SshAddress, withSection} from '@vmspawn/plan';
import type {Host} from '@vmspawn/host';
import {FORWARDED_GUEST_PORT, type SshKeyPair, type SshOptions, findSshKeygen, generateKeyPair, planSsh, sshCommand} from '@vmspawn/ssh';

/**
 * Whether this run makes a key pair: asked for (the default) and a store to hand the
 * public key to the guest. Without ssh-keygen, the default --pass-ssh-key=yes steps
 * back with a warning; an explicit yes goes on, to fail with a clear error.
 */
export function wantsSsh(
	options: SshOptions | undefined,
	secrets: CredentialStore | undefined,
	env: NodeJS.ProcessEnv,
	host: Host,
): {wanted: boolean; warning?: string} {
	if (options?.pass !== true || secrets === undefined) {
		return {wanted: false};
	}

	if (!options.explicit && findSshKeygen(env, host) === undefined) {
		return {wanted: false, warning: 'ssh-keygen not found (Debian: openssh-client), so no SSH key is passed to the guest; --pass-ssh-key=no silences this'};
	}

	return {wanted: true};
}

/**
 * The loopback forward to the guest's SSH port, when the key could not be used over
 * vsock: going beyond upstream, which reaches the guest's sshd only through vsock.
 */
export async function sshForward(): Promise<PortForward> {
	return {protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: await findFreeTcpPort(), guestPort: FORWARDED_GUEST_PORT, picked: true};
}

function sshAddress(plan: Plan): SshAddress {
	const {vsock, network} = plan;
	if (vsock?.enabled && vsock.cid !== undefined) {
		return {transport: 'vsock', cid: vsock.cid};
	}

	const forward = network?.mode === 'user' ? network.ports.find(port => port.protocol === 'tcp' && port.guestPort === FORWARDED_GUEST_PORT) : undefined;
	if (forward) {
		return {transport: 'tcp', host: forward.hostAddress === '0.0.0.0' ? '127.0.0.1' : forward.hostAddress, port: forward.hostPort};
	}

	const noVsock = `no vsock (${vsock?.reason ?? 'off'})`;
	switch (network?.mode) {
		case 'tap': {
			return {transport: 'none', reason: `${noVsock}; log in at the guest's address on ${network.ifname} with the key`};
		}

		case 'user': {
			return {
				transport: 'none',
				reason: `${noVsock}, and the incoming plan's network section forwards no port to the guest's SSH port ${FORWARDED_GUEST_PORT}`,
			};
		}

		default: {
			return {transport: 'none', reason: `${noVsock} and no network; add --network-user-mode to reach the guest's sshd through a forwarded loopback port`};
		}
	}
}

/** A plan cannot bring an ssh section: the private key never leaves the vmspawn-run that made it. */
export function refuseIncomingSsh(incoming: Plan): void {
	if (incoming.ssh !== undefined) {
		throw new UsageError(
			'plan.ssh: an SSH key cannot arrive in a plan (the private key never leaves vmspawn-run); leave the section out, vmspawn-run makes one',
		);
	}
}

/** The ssh section and the key pair behind it; the public key joins the credentials. */
export async function fillSsh(
	plan: Plan,
	options: SshOptions,
	secrets: CredentialStore,
	env: NodeJS.ProcessEnv,
	host: Host,
): Promise<{plan: Plan; keys: SshKeyPair}> {
	const keys = await generateKeyPair({type: options.keyType, comment: `vmspawn-run@${plan.machine!.name}`, env, host});
	try {
		const section = planSsh({keys, runtimeDir: plan.runtime!.dir, address: sshAddress(plan), secrets});
		return {plan: withSection(plan, 'ssh', section), keys};
	} catch (error) {
		keys.wipe();
		throw error;
	}
}

/** The section again once the CID is really claimed: a taken CID may have moved the guest to another one. */
export function sshWithCid(section: Section<'ssh'>, cid: number | undefined): Section<'ssh'> {
	if (section.address.transport !== 'vsock' || cid === undefined || cid === section.address.cid) {
		return section;
	}

	const address: SshAddress = {transport: 'vsock', cid};
	return {...section, address, command: sshCommand(address, section.privateKey)};
}
