import {generateKeyPairSync, randomBytes} from 'node:crypto';
import {SshKeyPair} from './key-pair.js';

// An Ed25519 pair made in-process: ssh-keygen as a child process was ~20 ms of every default
// start (its fork and exec, its temporary directory). The files are what `ssh-keygen -t ed25519
// -N ""` writes: the public key line, and the private key in OpenSSH's own format (PROTOCOL.key
// of OpenSSH: "openssh-key-v1", no cipher, no KDF, one key).

const keyType = 'ed25519';
const algorithm = 'ssh-ed25519';

function uint32(value: number): Buffer {
	const buffer = Buffer.alloc(4);
	buffer.writeUInt32BE(value);
	return buffer;
}

/** SSH's `string`: a 32-bit length, then the bytes. */
function sshString(value: Uint8Array | string): Buffer {
	const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
	return Buffer.concat([uint32(bytes.length), bytes]);
}

// DER, not JWK: the secret stays in buffers, which are wiped, never in a string the GC keeps around.
// An Ed25519 PKCS#8 and SPKI DER end with the 32-byte seed and public key.
function rawKeys(): {seed: Buffer; publicKey: Buffer} {
	const pair = generateKeyPairSync('ed25519');
	const pkcs8 = pair.privateKey.export({format: 'der', type: 'pkcs8'});
	try {
		return {seed: Buffer.from(pkcs8.subarray(-32)), publicKey: Buffer.from(pair.publicKey.export({format: 'der', type: 'spki'}).subarray(-32))};
	} finally {
		pkcs8.fill(0);
	}
}

const base64Alphabet = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/** Base64 of `bytes` in lines of 70 characters, as ssh-keygen writes it, into a buffer (no string). */
function base64Lines(bytes: Buffer): Buffer {
	const characters: number[] = [];
	for (let index = 0; index < bytes.length; index += 3) {
		const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
		const count = Math.min(3, bytes.length - index) + 1;
		for (let position = 0; position < 4; position++) {
			characters.push(position < count ? base64Alphabet[(chunk >> (18 - 6 * position)) & 63]! : 0x3d);
		}
	}

	const lines: number[] = [];
	characters.forEach((character, index) => {
		lines.push(character);
		if (index % 70 === 69 || index === characters.length - 1) {
			lines.push(0x0a);
		}
	});
	characters.fill(0);
	const result = Buffer.from(lines);
	lines.fill(0);
	return result;
}

/** The private key file's text; `secret` is wiped by the caller. */
function privateKeyFile(publicBlob: Buffer, secret: Buffer, publicKey: Buffer, comment: string): Buffer {
	const check = randomBytes(4);
	const unpadded = Buffer.concat([check, check, sshString(algorithm), sshString(publicKey), sshString(secret), sshString(comment)]);
	// Padded with 1, 2, 3, ... to the cipher's block size, 8 for "none".
	const padding = Buffer.from(Array.from({length: (8 - (unpadded.length % 8)) % 8}, (_, index) => index + 1));
	const privateSection = Buffer.concat([unpadded, padding]);
	const body = Buffer.concat([
		Buffer.from('openssh-key-v1\0'),
		sshString('none'),
		sshString('none'),
		sshString(''),
		uint32(1),
		sshString(publicBlob),
		sshString(privateSection),
	]);
	const encoded = base64Lines(body);
	unpadded.fill(0);
	privateSection.fill(0);
	body.fill(0);
	try {
		return Buffer.concat([Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----\n'), encoded, Buffer.from('-----END OPENSSH PRIVATE KEY-----\n')]);
	} finally {
		encoded.fill(0);
	}
}

/** A new Ed25519 pair with the comment the guest's authorized_keys shows. */
export function ed25519KeyPair(comment: string): SshKeyPair {
	const {seed, publicKey} = rawKeys();
	const publicBlob = Buffer.concat([sshString(algorithm), sshString(publicKey)]);
	// OpenSSH keeps the 32-byte seed followed by the public key as the "private key".
	const secret = Buffer.concat([seed, publicKey]);
	const file = privateKeyFile(publicBlob, secret, publicKey, comment);
	try {
		return new SshKeyPair(keyType, `${algorithm} ${publicBlob.toString('base64')} ${comment}`, file);
	} finally {
		seed.fill(0);
		secret.fill(0);
		file.fill(0);
	}
}
