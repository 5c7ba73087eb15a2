import {join} from 'node:path';
import {UsageError} from '@vmspawn/cli';
import type {CredentialStore} from '@vmspawn/credentials';
import type {Section, SshAddress} from '@vmspawn/plan';
import {sshCommand} from './command.js';
import {sshCredentials} from './guest-credentials.js';
import type {SshKeyPair} from './key-pair.js';

export type SshPlanRequest = {
	readonly keys: SshKeyPair;
	readonly runtimeDir: string;
	readonly address: SshAddress;
	/** The run's credentials; the SSH ones are added after the user's, as upstream orders them. */
	readonly secrets: CredentialStore;
};

/** Where the private key is written: a directory of its own inside the runtime directory. */
export function sshKeyDir(runtimeDir: string): string {
	return join(runtimeDir, 'ssh');
}

/**
 * The plan's ssh section for a key pair, and its public half added to the
 * credentials. A credential of the same name from the user is a clear error
 * rather than upstream's generic "duplicate credential".
 */
export function planSsh(request: SshPlanRequest): Section<'ssh'> {
	const credentials = sshCredentials(request.keys.publicKey, request.address.transport === 'tcp');
	for (const [id] of credentials) {
		if (request.secrets.has(id)) {
			throw new UsageError(`credential '${id}' is also passed by --pass-ssh-key; use --pass-ssh-key=no to pass your own`);
		}
	}

	for (const [id, value] of credentials) {
		request.secrets.add(id, Buffer.from(value));
	}

	const privateKey = join(sshKeyDir(request.runtimeDir), `id_${request.keys.type}`);
	return {
		keyType: request.keys.type,
		privateKey,
		publicKey: request.keys.publicKey,
		address: request.address,
		command: sshCommand(request.address, privateKey),
	};
}
