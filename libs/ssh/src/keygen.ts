import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';
import {type Host, describeEnd, outputTail} from '@vmspawn/host';
import {ed25519KeyPair} from './ed25519.js';
import {SshKeyPair} from './key-pair.js';

export type KeygenRequest = {
	readonly type: string;
	/** The key's comment, which the guest's authorized_keys shows: who made it, for which VM. */
	readonly comment: string;
	readonly env: NodeJS.ProcessEnv;
	/** Where ssh-keygen is looked up and run. */
	readonly host: Host;
};

/** ssh-keygen on $PATH, or undefined; Debian ships it in openssh-client. */
export function findSshKeygen(env: NodeJS.ProcessEnv, host: Host): string | undefined {
	return host.findBinary('ssh-keygen', [], env);
}

/**
 * Makes a key pair and returns it in memory: an Ed25519 one in-process, any other type
 * with ssh-keygen, as upstream does (-N "": no passphrase). ssh-keygen writes files, so it
 * works in a private temporary directory that is gone again before this returns; the private key is
 * written once more, into the run's runtime directory, just before qemu starts.
 */
export async function generateKeyPair(request: KeygenRequest): Promise<SshKeyPair> {
	// Still asked for with an in-process key: without openssh-client there is no ssh to use the key with.
	const binary = findSshKeygen(request.env, request.host);
	if (binary === undefined) {
		throw new CliError('--pass-ssh-key=yes needs ssh-keygen, which is not on $PATH (Debian: apt-get install openssh-client)', {exitCode: errno.ENOENT});
	}

	// The default type is made in-process, without ssh-keygen's fork, exec and files (ed25519.ts).
	if (request.type === 'ed25519') {
		return ed25519KeyPair(request.comment);
	}

	const dir = await mkdtemp(join(tmpdir(), 'vmspawn-keygen-'));
	try {
		const key = join(dir, 'key');
		const result = await request.host.run([binary, '-q', '-t', request.type, '-N', '', '-C', request.comment, '-f', key], {timeoutMs: 60_000});
		if (result.code !== 0) {
			throw new CliError(`ssh-keygen -t ${request.type} ${describeEnd(result)}: ${outputTail(result) || 'no message'}`, {exitCode: errno.EINVAL});
		}

		const [privateKey, publicKey] = await Promise.all([readFile(key), readFile(`${key}.pub`, 'utf8')]);
		try {
			return new SshKeyPair(request.type, publicKey.trim(), privateKey);
		} finally {
			privateKey.fill(0);
		}
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}
