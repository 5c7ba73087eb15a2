import {join} from 'node:path';
import type {CredentialsSection} from '@vmspawn/plan';
import {checkDeliverable, credentialDelivery} from './encode.js';
import type {CredentialStore} from './store.js';

export type CredentialsPlanOptions = {
	/** The run's private runtime directory (the plan's runtime.dir). */
	readonly runtimeDir: string;
	/** The guest architecture (the plan's machine.arch), which decides SMBIOS or fw_cfg. */
	readonly arch: string;
};

/** Where the credential files go: a directory of their own inside the runtime directory. */
export function credentialsDir(runtimeDir: string): string {
	return join(runtimeDir, 'credentials');
}

/**
 * The plan's credentials section for the values in `store`: ids, sizes, how each
 * reaches the guest and the file vmspawn-run will write it to. Never a value.
 * Checks now what qemu or the guest would trip over later (fw_cfg name length,
 * "=" in an SMBIOS id), so a bad credential fails before anything starts.
 */
export function planCredentials(store: CredentialStore, options: CredentialsPlanOptions): CredentialsSection {
	const dir = credentialsDir(options.runtimeDir);
	const delivery = credentialDelivery(options.arch);
	const entries = store.ids.map(id => {
		checkDeliverable(id, delivery);
		return {id, size: store.value(id)!.length, delivery, file: join(dir, id)};
	});
	return {dir, entries};
}
