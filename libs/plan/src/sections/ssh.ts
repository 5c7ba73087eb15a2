import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath} from '../common.js';
import {perRun} from '../per-run.js';

/** How the host reaches the guest's SSH server: vsock port 22, a loopback port qemu forwards to port 22, or not at all. */
export const SshAddress = lazySchema(() =>
	z.discriminatedUnion('transport', [
		z.looseObject({transport: z.literal('vsock'), cid: z.number().int().min(3).max(4294967294)}),
		z.looseObject({transport: z.literal('tcp'), host: z.ipv4({error: 'expected an IPv4 address'}), port: z.number().int().min(1).max(65535)}),
		z.looseObject({transport: z.literal('none'), reason: z.string().min(1)}),
	]),
);
export type SshAddress = z.infer<typeof SshAddress>;

/**
 * The ephemeral SSH key pair of one run (--pass-ssh-key). The private key's bytes are
 * never in a plan: vmspawn-run holds them in memory and writes `privateKey` (0600)
 * just before qemu starts; the public key reaches the guest as credentials.
 */
export const SshSection = lazySchema(() =>
	perRun(
		z.looseObject({
			/** ssh-keygen's -t: ed25519, rsa, ecdsa, ... */
			keyType: z.string().min(1),
			/** Where the private key is written, inside the runtime directory. */
			privateKey: AbsolutePath,
			/** The public key line, as in an authorized_keys file. */
			publicKey: z.string().min(1),
			address: SshAddress,
			/** The command that logs into the guest as root; empty when there is no address to reach. */
			command: z.array(z.string()),
		}),
		'a new key pair, address and command; a replay keeps only keyType, as the request for a key',
	),
);
export type SshSection = z.infer<typeof SshSection>;
