import {resolve} from 'node:path';
import {UsageError, type Logger} from '@vmspawn/cli';
import {type CredentialOption, CredentialStore, credentialId, credentialSourcePath, loadCredentialValue} from '@vmspawn/credentials';
import type {CredentialEntry, CredentialSource} from '@vmspawn/plan';

/** Where each command-line credential came from: a --load-credential= source is recorded (a path is no secret), a value is not. */
export function optionSources(options: readonly CredentialOption[], cwd: string): Map<string, CredentialSource> {
	const sources = new Map<string, CredentialSource>();
	for (const {option, value} of options) {
		// A fresh store: duplicates were refused already when the values were collected.
		const {id, rest} = credentialId(option, value, new CredentialStore());
		sources.set(id, option === 'load-credential' ? {kind: 'load', from: rest.includes('/') ? resolve(cwd, rest) : rest} : {kind: 'set'});
	}

	return sources;
}

// Checked before any source is read, so a refused replay reads nothing and says one line.
function refuseMissingValues(requests: readonly CredentialEntry[], given: CredentialStore): void {
	const index = requests.findIndex(entry => entry.source?.kind !== 'vmspawn' && entry.source?.kind !== 'load' && !given.has(entry.id));
	if (index >= 0) {
		const {id} = requests[index]!;
		throw new UsageError(
			`plan.credentials.entries[${index}]: the value of credential '${id}' is not in the plan; give it again with --set-credential=${id}:VALUE or --load-credential=${id}:PATH`,
		);
	}
}

async function requestedValue(entry: CredentialEntry, given: CredentialStore, env: NodeJS.ProcessEnv, log: Logger): Promise<Buffer> {
	const value = given.value(entry.id);
	if (value || entry.source?.kind !== 'load') {
		return value!;
	}

	const path = credentialSourcePath(entry.id, entry.source.from, '/', env);
	// Visible, since a plan from elsewhere chooses which host file the guest gets.
	log.info(`credential '${entry.id}' is read from ${path}, as the plan says`);
	return loadCredentialValue(path);
}

export type ReplayedCredentials = {
	readonly store: CredentialStore;
	readonly sources: Map<string, CredentialSource>;
};

/**
 * The credentials of a replay, in the plan's order then the command line's new ones:
 * a value given again on the command line wins, a loaded one is read again from its
 * source, vmspawn-run's own are left to be remade. `given` is emptied.
 */
export async function replayCredentials(
	requests: readonly CredentialEntry[],
	given: CredentialStore,
	givenSources: Map<string, CredentialSource>,
	context: {env: NodeJS.ProcessEnv; log: Logger},
): Promise<ReplayedCredentials> {
	const store = new CredentialStore();
	const sources = new Map<string, CredentialSource>();
	try {
		refuseMissingValues(requests, given);
		for (const entry of requests) {
			if (entry.source?.kind === 'vmspawn') {
				continue;
			}

			const value = await requestedValue(entry, given, context.env, context.log);
			store.add(entry.id, value);
			if (!given.has(entry.id)) {
				value.fill(0);
			}

			sources.set(entry.id, givenSources.get(entry.id) ?? entry.source ?? {kind: 'set'});
		}

		for (const id of given.ids.filter(id => !store.has(id))) {
			store.add(id, given.value(id)!);
			sources.set(id, givenSources.get(id)!);
		}
	} catch (error) {
		store.wipe();
		throw error;
	} finally {
		given.wipe();
	}

	return {store, sources};
}
