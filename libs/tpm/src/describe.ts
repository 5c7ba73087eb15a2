import {CliError, errno} from '@vmspawn/cli';
import type {HelperProcess} from '@vmspawn/plan';
import type {SetupCapabilities} from './capabilities.js';
import type {CertificateSetup} from './certificates.js';

// sun_path is 108 bytes including the terminating NUL.
const maxSocketPath = 107;

/** swtpm splits its option values at commas and has no escape for them, and its config files are lines: such a path cannot be passed. */
export function checkSwtpmPath(what: string, path: string): void {
	if (path.includes(',')) {
		throw new CliError(`the ${what} ${path} contains a comma, which swtpm cannot take in a path`, {exitCode: errno.EINVAL});
	}

	if (/[\n\r]/.test(path)) {
		throw new CliError(`the ${what} ${JSON.stringify(path)} contains a line break, which swtpm's config files cannot take`, {exitCode: errno.EINVAL});
	}
}

export function checkSocketPath(socket: string): void {
	checkSwtpmPath('TPM socket', socket);
	if (Buffer.byteLength(socket) > maxSocketPath) {
		throw new CliError(`the TPM socket path ${socket} is longer than the ${maxSocketPath} bytes a unix socket allows; use a shorter runtime directory`, {
			exitCode: errno.ENAMETOOLONG,
		});
	}
}

/** The newest of libtpms' default-vN profiles, as upstream picks it; none on a swtpm without profiles. */
export function bestDefaultProfile(capabilities: SetupCapabilities): string | undefined {
	const version = (name: string) => Number(/^default-v(\d+)$/.exec(name)?.[1] ?? Number.NaN);
	const defaults = capabilities.profileNames.filter(name => Number.isInteger(version(name)));
	return capabilities.profiles ? defaults.sort((a, b) => version(b) - version(a))[0] : undefined;
}

/** swtpm_setup's command line: a TPM 2.0 with the SHA-256 bank and an EK, never overwriting state that exists. */
export function manufactureArgv(swtpmSetup: string, stateDir: string, capabilities: SetupCapabilities, certificates: CertificateSetup): string[] {
	const profile = bestDefaultProfile(capabilities);
	return [
		swtpmSetup,
		'--tpm-state',
		stateDir,
		'--tpm2',
		...(capabilities.pcrBanks ? ['--pcr-banks', 'sha256'] : []),
		...certificates.args,
		...(capabilities.notOverwrite ? ['--not-overwrite'] : []),
		...(certificates.config ? ['--config', certificates.config] : []),
		...(profile ? ['--profile-name', profile] : []),
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
