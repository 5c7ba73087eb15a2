import {join} from 'node:path';
import type {TpmManufacture} from '@vmspawn/plan';
import type {SetupCapabilities} from './capabilities.js';

/** Written into the state directory last, once swtpm_setup succeeded: its presence means a complete manufacture (upstream's name). */
export const MANUFACTURED_MARKER = '.manufactured';

type ManufactureFile = NonNullable<TpmManufacture['files']>[number];

export type CertificateSetup = {
	/** swtpm_setup options for the EK, its certificates and the ECC key. */
	readonly args: readonly string[];
	/** swtpm_setup's --config file, when the certificates are made. */
	readonly config?: string;
	/** The config files it names, all inside the state directory. */
	readonly files: readonly ManufactureFile[];
	/** What this swtpm cannot do that upstream asks for, one phrase each. */
	readonly omitted: readonly string[];
};

/**
 * The local CA as upstream sets it up: its key and issuer certificate live in the
 * TPM's own state directory, so no system-wide (root-only) CA directory is needed
 * and each TPM's certificates are signed by a CA of its own.
 */
function localCaFiles(stateDir: string, localCa: string): ManufactureFile[] {
	const file = (name: string) => join(stateDir, name);
	return [
		{
			path: file('swtpm-localca.conf'),
			content: `statedir = ${stateDir}\nsigningkey = ${file('signing-private-key.pem')}\nissuercert = ${file('issuer-certificate.pem')}\ncertserial = ${file('certserial')}\n`,
		},
		{path: file('swtpm-localca.options'), content: '--platform-manufacturer systemd\n--platform-version 2.1\n--platform-model swtpm\n'},
		{
			path: file('swtpm_setup.conf'),
			content: `create_certs_tool = ${localCa}\ncreate_certs_tool_config = ${file('swtpm-localca.conf')}\ncreate_certs_tool_options = ${file('swtpm-localca.options')}\n`,
		},
	];
}

/**
 * The EK (RSA and ECC), its certificates in the TPM's NV indices and a platform
 * certificate, so guests that look for an EK certificate (systemd-tpm2-setup,
 * attestation tools) find one; each part only where this swtpm_setup offers it.
 */
export function certificateSetup(stateDir: string, capabilities: SetupCapabilities, localCa: string | undefined): CertificateSetup {
	const omitted: string[] = [];
	const args: string[] = [];
	if (capabilities.ecc) {
		args.push('--ecc');
	} else {
		omitted.push('the ECC storage primary key (swtpm_setup has no --ecc)');
	}

	args.push('--createek');
	if (!capabilities.ekCertificate) {
		omitted.push('the EK and platform certificates (swtpm_setup has no --create-ek-cert/--config)');
		return {args, files: [], omitted};
	}

	if (localCa === undefined) {
		omitted.push('the EK and platform certificates (swtpm_localca not found; it is in the Debian package swtpm-tools)');
		return {args, files: [], omitted};
	}

	args.push('--create-ek-cert');
	if (capabilities.platformCertificate) {
		args.push('--create-platform-cert');
	} else {
		omitted.push('the platform certificate (swtpm_setup has no --create-platform-cert)');
	}

	return {args, config: join(stateDir, 'swtpm_setup.conf'), files: localCaFiles(stateDir, localCa), omitted};
}
