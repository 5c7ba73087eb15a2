import {UsageError} from '@vmspawn/cli';
import {credentialSourcePath, loadCredentialValue} from './load-credential.js';
import {type CredentialOptionName, credentialId, splitId, unescapeValue} from './option-value.js';
import {CredentialStore} from './store.js';

/** One --set-credential= or --load-credential= argument, in command-line order. */
export type CredentialOption = {readonly option: CredentialOptionName; readonly value: string};

export type CredentialSources = {
	/** Relative --load-credential= paths start here (default: the current directory). */
	readonly cwd?: string;
	/** Where $CREDENTIALS_DIRECTORY is looked up (default: process.env). */
	readonly env?: NodeJS.ProcessEnv;
	/**
	 * Reads all of standard input, for --set-credential=ID:-. Called at most once;
	 * without it the stdin form is refused. See stdinReader().
	 */
	readonly readStdin?: () => Promise<Uint8Array>;
};

/** The value that makes --set-credential= read standard input instead (a literal "-" is written \x2d). */
export const STDIN_VALUE = '-';

/** True when one of the options reads standard input, which then cannot carry a plan. */
export function readsStdin(options: readonly CredentialOption[]): boolean {
	return options.some(({option, value}) => option === 'set-credential' && splitId(value).rest === STDIN_VALUE);
}

// The store keeps its own copy; the buffer a value arrived in is zeroed.
function addAndWipe(store: CredentialStore, id: string, value: Uint8Array): void {
	try {
		store.add(id, value);
	} finally {
		value.fill(0);
	}
}

/**
 * Collects the credential values into a store, in command-line order, with
 * upstream's checks and messages. The values stay in this process's memory:
 * nothing here puts them into a plan, an argv or the environment.
 */
export async function collectCredentials(options: readonly CredentialOption[], sources: CredentialSources = {}): Promise<CredentialStore> {
	const store = new CredentialStore();
	let stdinUsedBy: string | undefined;
	try {
		for (const {option, value} of options) {
			const {id, rest} = credentialId(option, value, store);
			if (option === 'load-credential') {
				const path = credentialSourcePath(id, rest, sources.cwd ?? process.cwd(), sources.env ?? process.env);
				addAndWipe(store, id, await loadCredentialValue(path));
			} else if (rest !== STDIN_VALUE) {
				addAndWipe(store, id, unescapeValue(id, rest));
			} else {
				if (stdinUsedBy !== undefined) {
					throw new UsageError(`--set-credential=${id}:- cannot read standard input: it was already read for credential '${stdinUsedBy}'`);
				}

				if (!sources.readStdin) {
					throw new UsageError(`--set-credential=${id}:- cannot read standard input here`);
				}

				stdinUsedBy = id;
				addAndWipe(store, id, await sources.readStdin());
			}
		}
	} catch (error) {
		store.wipe();
		throw error;
	}

	return store;
}
