import {type Probe, available, probeError, unavailable} from '@vmspawn/host';
import {type RunCommand, describeEnd} from '@vmspawn/host';

/** What this host's swtpm_setup can do, read from the program itself, never assumed from its version. */
export type SetupCapabilities = {
	readonly version?: string;
	readonly features: readonly string[];
	/** It can create a TPM 2.0 (feature tpm-2.0). */
	readonly tpm2: boolean;
	/** --pcr-banks is understood. */
	readonly pcrBanks: boolean;
	/** --not-overwrite is understood: existing state is kept and the run ends successfully. */
	readonly notOverwrite: boolean;
	/** --profile-name is understood (feature cmdarg-profile). */
	readonly profiles: boolean;
	/** The TPM 2.0 profiles libtpms offers, when listed. */
	readonly profileNames: readonly string[];
	/** --create-ek-cert and --config: an EK certificate, made by the tool a config file names. */
	readonly ekCertificate: boolean;
	/** --create-platform-cert: a platform certificate too. */
	readonly platformCertificate: boolean;
	/** --ecc: an ECC storage primary key besides the EK pair. */
	readonly ecc: boolean;
};

function readPrinted(value: unknown): {features: string[]; profiles: string[]; version: string | undefined} {
	const object = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
	const strings = (key: string) => (Array.isArray(object[key]) ? (object[key] as unknown[]).filter(item => typeof item === 'string') : []);
	return {features: strings('features'), profiles: strings('profiles'), version: typeof object['version'] === 'string' ? object['version'] : undefined};
}

function helpMentions(help: string, option: string): boolean {
	return new RegExp(`(^|\\s)${option}(\\s|=|$)`, 'm').test(help);
}

/** Reads the output of `swtpm_setup --print-capabilities` and `swtpm_setup --help`. */
export function parseSetupCapabilities(capabilitiesJson: string, help: string): Probe<SetupCapabilities> {
	let printed;
	try {
		printed = readPrinted(JSON.parse(capabilitiesJson));
	} catch {
		return probeError(`swtpm_setup --print-capabilities printed no JSON: ${JSON.stringify(capabilitiesJson.trim().slice(0, 80))}`);
	}

	const {features, profiles, version} = printed;
	// Versions before 0.6 list no TPM versions at all; then the help text has to tell.
	const listsVersions = features.includes('tpm-1.2') || features.includes('tpm-2.0');
	const tpm2 = features.includes('tpm-2.0') || features.includes('tpm2') || (!listsVersions && helpMentions(help, '--tpm2'));
	const capabilities: SetupCapabilities = {
		...(version === undefined ? {} : {version}),
		features,
		tpm2,
		pcrBanks: features.includes('cmdarg-pcr-banks') || helpMentions(help, '--pcr-banks'),
		notOverwrite: features.includes('cmdarg-not-overwrite') || helpMentions(help, '--not-overwrite'),
		profiles: features.includes('cmdarg-profile'),
		profileNames: profiles,
		ekCertificate: helpMentions(help, '--create-ek-cert') && helpMentions(help, '--config'),
		platformCertificate: helpMentions(help, '--create-platform-cert'),
		ecc: helpMentions(help, '--ecc'),
	};
	return tpm2 ? available(capabilities) : unavailable(`swtpm_setup${version ? ` ${version}` : ''} cannot create a TPM 2.0 (libtpms without TPM 2.0 support)`);
}

/** Runs `--print-capabilities` and `--help` side by side. */
async function askSwtpmSetup(swtpmSetup: string, run: RunCommand): Promise<Probe<SetupCapabilities>> {
	const [printed, help] = await Promise.all([run([swtpmSetup, '--print-capabilities'], {timeoutMs: 10_000}), run([swtpmSetup, '--help'], {timeoutMs: 10_000})]);
	if (printed.spawnError || printed.timedOut || printed.signal) {
		return probeError(`${swtpmSetup} --print-capabilities ${describeEnd(printed)}`);
	}

	if (printed.code !== 0) {
		return unavailable(`${swtpmSetup} is too old to report its capabilities (swtpm 0.2 or newer is needed)`);
	}

	return parseSetupCapabilities(printed.stdout, help.code === 0 ? help.stdout : '');
}

export type CapabilityDetector = (swtpmSetup: string) => Promise<Probe<SetupCapabilities>>;

/** A detector that asks each swtpm_setup binary once and remembers the answer. */
export function cachedCapabilityDetector(run: RunCommand): CapabilityDetector {
	const cache = new Map<string, Promise<Probe<SetupCapabilities>>>();
	return async swtpmSetup => {
		let probe = cache.get(swtpmSetup);
		if (!probe) {
			probe = askSwtpmSetup(swtpmSetup, run);
			cache.set(swtpmSetup, probe);
		}

		return probe;
	};
}

const detectors = new WeakMap<RunCommand, CapabilityDetector>();

/** The detector of a host's way of running commands: one probe per binary and process. */
export function capabilityDetectorOf(run: RunCommand): CapabilityDetector {
	let detector = detectors.get(run);
	if (!detector) {
		detector = cachedCapabilityDetector(run);
		detectors.set(run, detector);
	}

	return detector;
}
