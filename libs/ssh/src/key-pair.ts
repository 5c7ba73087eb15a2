import {inspect} from 'node:util';

/**
 * An SSH key pair in memory. The private key sits in a private field, so
 * JSON.stringify, util.inspect and spreads of anything holding the pair show the
 * public key at most; the one place that writes the key file asks for it.
 */
export class SshKeyPair {
	readonly #privateKey: Buffer;

	constructor(
		readonly type: string,
		readonly publicKey: string,
		privateKey: Uint8Array,
	) {
		this.#privateKey = Buffer.from(privateKey);
	}

	/** The private key in OpenSSH's format, for the one place that writes it to its 0600 file. */
	privateKey(): Buffer {
		return this.#privateKey;
	}

	wipe(): void {
		this.#privateKey.fill(0);
	}

	toJSON(): {type: string; publicKey: string} {
		return {type: this.type, publicKey: this.publicKey};
	}

	[inspect.custom](): string {
		return `SshKeyPair { type: ${this.type} }`;
	}
}
