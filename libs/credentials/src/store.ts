import {inspect} from 'node:util';
import {CliError, errno} from '@vmspawn/cli';
import {credentialNameValid} from './names.js';

/**
 * The credential values of one run, in memory only. The values sit in a private
 * field, so JSON.stringify, structuredClone, util.inspect and object spreads of
 * anything holding the store see ids at most, never a value: a store that ends
 * up in a plan by mistake leaks nothing.
 */
export class CredentialStore {
	readonly #values = new Map<string, Buffer>();

	/** Adds a credential (the value is copied); later credentials follow earlier ones. */
	add(id: string, value: Uint8Array): void {
		if (!credentialNameValid(id)) {
			throw new CliError(`Credential name is not valid: ${id}`, {exitCode: errno.EINVAL});
		}

		if (this.#values.has(id)) {
			throw new CliError(`Duplicate credential '${id}', refusing.`, {exitCode: errno.EEXIST});
		}

		this.#values.set(id, Buffer.from(value));
	}

	has(id: string): boolean {
		return this.#values.has(id);
	}

	/** The ids in the order they were added, which is the order the guest receives them. */
	get ids(): string[] {
		return [...this.#values.keys()];
	}

	get size(): number {
		return this.#values.size;
	}

	/** The value, for the one place that writes it to its 0600 file. */
	value(id: string): Buffer | undefined {
		return this.#values.get(id);
	}

	/** Overwrites every value with zeros and forgets them, like systemd's erase_and_free(). */
	wipe(): void {
		for (const value of this.#values.values()) {
			value.fill(0);
		}

		this.#values.clear();
	}

	toJSON(): {ids: string[]} {
		return {ids: this.ids};
	}

	[inspect.custom](): string {
		return `CredentialStore { ids: ${inspect(this.ids)} }`;
	}
}
