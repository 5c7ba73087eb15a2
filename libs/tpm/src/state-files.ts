import {closeSync, constants, fchmodSync, openSync, writeSync} from 'node:fs';
import {dirname} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';

type Manufacture = NonNullable<Section<'tpm'>['manufacture']>;

/** A file of the state directory (0700, ours), replaced in place; never through a symlink. */
export function writeStateFile(stateDir: string, path: string, content: string): void {
	if (dirname(path) !== stateDir) {
		throw new CliError(`refusing to write ${path} for the TPM manufacture: it is not directly inside the state directory ${stateDir}`, {
			exitCode: errno.EINVAL,
		});
	}

	let fd: number;
	try {
		fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
	} catch (error) {
		const {code, message} = error as NodeJS.ErrnoException;
		throw new CliError(`cannot write ${path} for the TPM manufacture: ${message}`, {exitCode: code === 'ELOOP' ? errno.ELOOP : errno.EIO});
	}

	try {
		fchmodSync(fd, 0o600);
		writeSync(fd, content);
	} finally {
		closeSync(fd);
	}
}

export function writeManufactureFiles(stateDir: string, manufacture: Manufacture): void {
	for (const file of manufacture.files ?? []) {
		writeStateFile(stateDir, file.path, file.content);
	}
}
