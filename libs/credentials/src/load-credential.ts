import {join, resolve} from 'node:path';
import {CliError, UsageError} from '@vmspawn/cli';
import {describeErrno} from './errno-text.js';
import {credentialNameValid, credentialsDirectory, pathIsValid} from './names.js';
import {readCredentialSource} from './read-source.js';

/**
 * Where --load-credential=ID:SOURCE reads from, as upstream decides: SOURCE with a
 * "/" is a path (relative ones from `cwd`), a bare credential name is looked up in
 * the credentials vmspawn-run itself was given ($CREDENTIALS_DIRECTORY).
 */
export function credentialSourcePath(id: string, source: string, cwd: string, env: NodeJS.ProcessEnv): string {
	if (source.includes('/') && pathIsValid(source)) {
		return resolve(cwd, source);
	}

	if (credentialNameValid(source)) {
		const found = credentialsDirectory(env);
		if ('problem' in found) {
			throw new CliError(`Credential not available (${found.problem}): ${id}`, {exitCode: found.exitCode});
		}

		return join(found.dir, source);
	}

	throw new UsageError(`Credential source appears to be neither a valid path nor a credential name: ${source}`);
}

/** Reads a --load-credential= source: a file, a pipe or an AF_UNIX stream socket, to EOF. */
export async function loadCredentialValue(path: string): Promise<Buffer> {
	try {
		return await readCredentialSource(path);
	} catch (error) {
		const {text, exitCode} = describeErrno(error);
		const why = (error as Error).name === 'TooLargeError' ? (error as Error).message : text;
		throw new CliError(`Failed to read credential '${path}': ${why}`, {exitCode, cause: error});
	}
}
