import {lstatSync} from 'node:fs';
import {mkdir, readdir} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {CliError, type Logger, errno} from '@vmspawn/cli';
import {chmodOwnNoFollow, octalMode, ownDirectoryStatsProblem} from '@vmspawn/host';

function refuse(stateDir: string, reason: string, code: keyof typeof errno): CliError {
	return new CliError(`refusing the TPM state directory ${stateDir}: ${reason}`, {exitCode: errno[code]});
}

/**
 * An existing state directory is used only when it is a real directory of ours:
 * next to an image in a shared directory another user may have made it first
 * (their manufactured state would give them the guest TPM's secrets) or put a
 * symlink there (we would chmod its target). Open to others, it is made 0700
 * through an O_NOFOLLOW descriptor, so a link swapped in meanwhile is not followed.
 */
function checkExistingStateDir(stateDir: string, log: Logger): void {
	const problem = ownDirectoryStatsProblem(lstatSync(stateDir), 'closed-to-writes');
	if (problem) {
		throw refuse(stateDir, problem.reason, problem.code);
	}

	let before: number;
	try {
		before = chmodOwnNoFollow(stateDir, 0o700).mode;
	} catch (error) {
		const {code, message} = error as NodeJS.ErrnoException;
		throw refuse(stateDir, message, code === 'ELOOP' || code === 'EPERM' ? code : 'EIO');
	}

	if ((before & 0o777) !== 0o700) {
		log.warn(`the TPM state directory ${stateDir} was mode ${octalMode(before)}; made it 0700`);
	}
}

/**
 * Makes the state directory private (0700): created so, or, when it exists
 * and is ours, tightened if open to others, since it holds the TPM's secrets.
 * Returns whether it was created, so a failed manufacture can remove it again.
 */
export async function prepareStateDir(stateDir: string, log: Logger): Promise<boolean> {
	await mkdir(dirname(stateDir), {recursive: true, mode: 0o755});
	try {
		// mkdir never follows a symlink in the last component; chmodOwnNoFollow makes the umask'd mode exact.
		await mkdir(stateDir, {mode: 0o700});
		chmodOwnNoFollow(stateDir, 0o700);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw new CliError(`cannot create the TPM state directory ${stateDir}: ${(error as Error).message}`, {exitCode: errno.EIO});
		}
	}

	checkExistingStateDir(stateDir, log);
	return false;
}

/**
 * swtpm_setup writes its files 0640; the state is the TPM's secret, so 0600 like
 * swtpm itself. Each is changed through an O_NOFOLLOW descriptor; symlinks and
 * anything not our own regular file are left alone.
 */
export async function tightenStateFiles(stateDir: string): Promise<void> {
	for (const entry of await readdir(stateDir, {withFileTypes: true})) {
		if (entry.isFile()) {
			tightenStateFile(join(stateDir, entry.name));
		}
	}
}

function tightenStateFile(path: string): void {
	try {
		chmodOwnNoFollow(path, 0o600);
	} catch (error) {
		// A file swapped for a symlink since readdir, or not ours: never followed, never changed.
		if (!['ELOOP', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) {
			throw error;
		}
	}
}
