import {CliError, UsageError, errno} from '@vmspawn/cli';
import {UnescapeError, cunescape} from './cunescape.js';
import {credentialNameValid} from './names.js';
import type {CredentialStore} from './store.js';

export type CredentialOptionName = 'set-credential' | 'load-credential';

/**
 * Splits `ID:REST` as systemd's extract_first_word(&p, &id, ":",
 * EXTRACT_DONT_COALESCE_SEPARATORS) does: the id ends at the first unescaped
 * ":", a backslash takes the next character literally ("a\:b" is the id "a:b",
 * which is then not a valid name). `rest` is undefined when there is no ":" at
 * all; `error` is set for a backslash at the very end.
 */
export function splitId(text: string): {id: string; rest: string | undefined; error?: 'trailing-backslash'} {
	let id = '';
	for (let at = 0; at < text.length; at++) {
		const character = text[at]!;
		if (character === ':') {
			return {id, rest: text.slice(at + 1)};
		}

		if (character === '\\') {
			at++;
			if (at === text.length) {
				return {id, rest: undefined, error: 'trailing-backslash'};
			}

			id += text[at]!;
		} else {
			id += character;
		}
	}

	return {id, rest: undefined};
}

/**
 * The id of `--set-credential=ID:VALUE` or `--load-credential=ID:SOURCE`, checked
 * as upstream does before anything is read: present, valid, not yet given.
 */
export function credentialId(option: CredentialOptionName, argument: string, store: CredentialStore): {id: string; rest: string} {
	const {id, rest, error} = splitId(argument);
	if (error) {
		throw new UsageError(`Failed to parse --${option}= parameter: Invalid argument`);
	}

	if (rest === undefined) {
		throw new UsageError(`Missing value for --${option}=: ${argument}`);
	}

	if (!credentialNameValid(id)) {
		throw new UsageError(`Credential name is not valid: ${id}`);
	}

	if (store.has(id)) {
		throw new CliError(`Duplicate credential '${id}', refusing.`, {exitCode: errno.EEXIST});
	}

	return {id, rest};
}

/** The value of --set-credential=ID:VALUE, C-unescaped; the message names the credential but never quotes the value. */
export function unescapeValue(id: string, value: string): Buffer {
	try {
		return cunescape(value, {acceptNul: true});
	} catch (error) {
		if (error instanceof UnescapeError) {
			throw new UsageError(`Failed to unescape credential data of '${id}': ${error.message} at byte ${error.offset} of the value`);
		}

		throw error;
	}
}
