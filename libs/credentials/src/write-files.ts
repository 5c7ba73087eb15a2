import {basename, dirname, resolve} from 'node:path';
import {rm} from 'node:fs/promises';
import {CliError, errno} from '@vmspawn/cli';
import type {CredentialsSection} from '@vmspawn/plan';
import {credentialFileContent} from './encode.js';
import {describeErrno} from './errno-text.js';
import {privateDir, writePrivateFile} from './private-files.js';
import type {CredentialStore} from './store.js';

function problem(message: string): CliError {
	return new CliError(message, {exitCode: errno.EINVAL});
}

/**
 * Writes each credential of the plan's section to its file (0600) in a new
 * directory (0700), just before qemu starts; qemu reads them by path, so no
 * value is ever on a command line. The runtime directory must exist already.
 * Every entry needs its value in `store`: values never travel in a plan, so a
 * credential that only a plan mentions cannot be delivered. On failure nothing
 * is left behind.
 */
export async function writeCredentialFiles(store: CredentialStore, section: CredentialsSection): Promise<void> {
	const jobs = section.entries.map(entry => {
		const value = store.value(entry.id);
		if (value === undefined) {
			throw problem(`credential '${entry.id}' is in the plan, but its value was not given to this vmspawn-run (values never travel in a plan)`);
		}

		if (value.length !== entry.size) {
			throw problem(`credential '${entry.id}' has ${value.length} bytes, but the plan says ${entry.size}`);
		}

		// The section may come from outside; never write anywhere but into its own directory.
		if (resolve(dirname(entry.file)) !== resolve(section.dir) || ['', '.', '..'].includes(basename(entry.file))) {
			throw problem(`credential '${entry.id}': ${entry.file} is not directly inside ${section.dir}`);
		}

		return {file: entry.file, content: credentialFileContent(entry.delivery, entry.id, value)};
	});

	try {
		await privateDir(section.dir, true);
	} catch (error) {
		const {text, exitCode} = describeErrno(error);
		throw new CliError(`cannot create the credentials directory ${section.dir}: ${text}`, {exitCode, cause: error});
	}

	try {
		for (const {file, content} of jobs) {
			await writePrivateFile(file, content);
		}
	} catch (error) {
		await rm(section.dir, {recursive: true, force: true});
		const {text, exitCode} = describeErrno(error);
		throw new CliError(`cannot write the credential files in ${section.dir}: ${text}`, {exitCode, cause: error});
	} finally {
		for (const {content} of jobs) {
			content.fill(0);
		}
	}
}

/**
 * Removes the credential files. qemu reads them while it starts, so vmspawn-run
 * may call this as soon as qemu answers on QMP; removing the runtime directory
 * on exit removes them in any case.
 */
export async function removeCredentialFiles(section: CredentialsSection): Promise<void> {
	await rm(section.dir, {recursive: true, force: true});
}
