import {CliError, type Tristate, errno} from '@vmspawn/cli';
import type {Host} from '@vmspawn/host';
import {archTraits} from '@vmspawn/qemu';
import {type CapabilityDetector, type SetupCapabilities, capabilityDetectorOf} from './capabilities.js';

/** The host facts the decision needs: a view of the one Host (tpmHost()), or a test's own. */
export type TpmHost = {
	findBinary(name: string): string | undefined;
	readonly capabilities: CapabilityDetector;
};

// swtpm before 0.7 shipped its local CA as a script here, not on $PATH.
const localCaFallbacks: Readonly<Record<string, readonly string[]>> = {swtpm_localca: ['/usr/share/swtpm/swtpm-localca']};

/** What the TPM decision sees of a host, looking binaries up on the given environment's $PATH. */
export function tpmHost(host: Host, env: NodeJS.ProcessEnv): TpmHost {
	return {findBinary: name => host.findBinary(name, localCaFallbacks[name] ?? [], env), capabilities: capabilityDetectorOf(host.run)};
}

export type TpmDecision =
	| {
			readonly enabled: true;
			readonly swtpm: string;
			readonly swtpmSetup: string;
			readonly capabilities: SetupCapabilities;
			readonly localCa: string | undefined;
	  }
	| {readonly enabled: false; readonly reason: string};

const packages = 'install the Debian packages swtpm and swtpm-tools';

function refuse(mode: Tristate, reason: string, exitCode: number): TpmDecision {
	if (mode === 'yes') {
		throw new CliError(`--tpm=yes, but ${reason}`, {exitCode});
	}

	return {enabled: false, reason};
}

/**
 * --tpm=yes|no|auto against the host, as upstream: auto uses a TPM when swtpm can
 * provide one and quietly goes without otherwise; yes makes every "cannot" fatal.
 * A host that cannot be asked (swtpm_setup fails to run) is fatal either way.
 */
export async function decideTpm(mode: Tristate, arch: string, host: TpmHost): Promise<TpmDecision> {
	if (mode === 'no') {
		return {enabled: false, reason: 'disabled with --tpm=no'};
	}

	if (archTraits(arch)?.tpmDevice === undefined) {
		return refuse(mode, `the TPM is not supported on ${arch}`, errno.EOPNOTSUPP);
	}

	const swtpm = host.findBinary('swtpm');
	const swtpmSetup = host.findBinary('swtpm_setup');
	if (swtpm === undefined || swtpmSetup === undefined) {
		const missing = [swtpm ? undefined : 'swtpm', swtpmSetup ? undefined : 'swtpm_setup'].filter(Boolean).join(' and ');
		return refuse(mode, `${missing} not found on $PATH (${packages})`, errno.ENOENT);
	}

	const probe = await host.capabilities(swtpmSetup);
	if (probe.state === 'unavailable') {
		return refuse(mode, probe.reason, errno.EOPNOTSUPP);
	}

	if (probe.state === 'error') {
		const message =
			mode === 'yes' ? `--tpm=yes, but ${probe.reason}` : `cannot tell whether swtpm can provide a TPM: ${probe.reason} (use --tpm=no to run without one)`;
		throw new CliError(message, {exitCode: errno.EIO});
	}

	// The tool that signs the EK and platform certificates; without it the TPM still works, uncertified.
	return {enabled: true, swtpm, swtpmSetup, capabilities: probe.value, localCa: host.findBinary('swtpm_localca')};
}
