import {chmod, mkdir, readdir, stat} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {CliError, type Logger, errno} from '@vmspawn/cli';

/**
 * Makes the state directory private (0700): created so, or tightened when an
 * existing one is open to others, since it holds the TPM's secrets.
 * Returns whether it was created, so a failed manufacture can remove it again.
 */
export async function prepareStateDir(stateDir: string, log: Logger): Promise<boolean> {
	await mkdir(dirname(stateDir), {recursive: true, mode: 0o755});
	try {
		await mkdir(stateDir, {mode: 0o700});
		// mkdir's mode passes through the umask; chmod makes it exact.
		await chmod(stateDir, 0o700);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw new CliError(`cannot create the TPM state directory ${stateDir}: ${(error as Error).message}`, {exitCode: errno.EIO});
		}
	}

	const status = await stat(stateDir);
	if (!status.isDirectory()) {
		throw new CliError(`the TPM state path ${stateDir} exists but is not a directory`, {exitCode: errno.ENOTDIR});
	}

	if ((status.mode & 0o777) !== 0o700) {
		await chmod(stateDir, 0o700);
		log.warn(`the TPM state directory ${stateDir} was mode ${(status.mode & 0o777).toString(8).padStart(4, '0')}; made it 0700`);
	}

	return false;
}

/** swtpm_setup writes its files 0640; the state is the TPM's secret, so 0600 like swtpm itself. */
export async function tightenStateFiles(stateDir: string): Promise<void> {
	for (const entry of await readdir(stateDir, {withFileTypes: true})) {
		if (entry.isFile()) {
			await chmod(join(stateDir, entry.name), 0o600);
		}
	}
}
