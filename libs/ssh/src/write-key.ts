import {dirname} from 'node:path';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import {privateDir, writePrivateFile} from '@vmspawn/credentials';
import type {Section} from '@vmspawn/plan';
import type {SshKeyPair} from './key-pair.js';

/**
 * Writes the private key (0600, in a 0700 directory of its own) just before qemu
 * starts; removing the runtime directory on exit removes it.
 */
export async function writePrivateKey(keys: SshKeyPair, section: Section<'ssh'>): Promise<void> {
	try {
		await privateDir(dirname(section.privateKey), true);
		await writePrivateFile(section.privateKey, keys.privateKey());
	} catch (error) {
		// A full disk is ENOSPC (28), as for every other file of the run.
		const exitCode = errnoExitCode((error as NodeJS.ErrnoException).code) ?? errno.EIO;
		throw new CliError(`cannot write the SSH key ${section.privateKey}: ${(error as Error).message}`, {exitCode, cause: error});
	}
}
