import {join} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';
import type {HelperProcess} from '@vmspawn/plan';
import type {SetupCapabilities} from './capabilities.js';

/** The file a manufactured TPM 2.0 state always has (its permanent state). */
export const PERMANENT_STATE_FILE = 'tpm2-00.permall';

// sun_path is 108 bytes including the terminating NUL.
const maxSocketPath = 107;

/** swtpm splits its option values at commas and has no escape for them, so such a path cannot be passed. */
export function checkSwtpmPath(what: string, path: string): void {
	if (path.includes(',')) {
		throw new CliError(`the ${what} ${path} contains a comma, which swtpm cannot take in a path`, {exitCode: errno.EINVAL});
	}
}

export function checkSocketPath(socket: string): void {
	checkSwtpmPath('TPM socket', socket);
	if (Buffer.byteLength(socket) > maxSocketPath) {
		throw new CliError(`the TPM socket path ${socket} is longer than the ${maxSocketPath} bytes a unix socket allows; use a shorter runtime directory`, {exitCode: errno.ENAMETOOLONG});
	}
}

/** swtpm_setup's command line: a TPM 2.0 with the SHA-256 bank, never overwriting state that exists. */
export function manufactureArgv(swtpmSetup: string, stateDir: string, capabilities: SetupCapabilities): string[] {
	return [
		swtpmSetup,
		'--tpm-state', stateDir,
		'--tpm2',
		...(capabilities.pcrBanks ? ['--pcr-banks', 'sha256'] : []),
		...(capabilities.notOverwrite ? ['--not-overwrite'] : []),
		// Newer libtpms offers profiles; default-v2 is what upstream asks for, only where it is listed.
		...(capabilities.profiles && capabilities.profileNames.includes('default-v2') ? ['--profile-name', 'default-v2'] : []),
	];
}

/**
 * swtpm serving the state on a control socket. qemu hands it the data channel
 * over that socket; --terminate makes swtpm exit when qemu closes it.
 */
export function swtpmHelper(swtpm: string, stateDir: string, socket: string): HelperProcess {
	return {
		name: 'swtpm',
		argv: [swtpm, 'socket', '--tpm2', '--tpmstate', `dir=${stateDir},mode=0600`, '--ctrl', `type=unixio,path=${socket},mode=0600`, '--terminate'],
		socket,
	};
}

export function permanentStateFile(stateDir: string): string {
	return join(stateDir, PERMANENT_STATE_FILE);
}
