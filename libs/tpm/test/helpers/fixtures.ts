import {available, type Probe} from '@vmspawn/host';
import {fixtureText} from '@vmspawn/testing';
import {type SetupCapabilities, type TpmHost, parseSetupCapabilities} from '../../src/index.js';

export type FixtureVersion = '0.4' | '0.7.1' | '0.10';

export function fixture(name: string): string {
	return fixtureText(`swtpm/${name}`);
}

/** The capabilities a given swtpm_setup version reports, read from the fixture files. */
export function fixtureCapabilities(version: FixtureVersion): Probe<SetupCapabilities> {
	return parseSetupCapabilities(fixture(`swtpm_setup-${version}.capabilities.json`), fixture(`swtpm_setup-${version}.help.txt`));
}

/** A host with the given binaries in /usr/bin (swtpm, swtpm_setup, swtpm_localca unless said) and swtpm_setup of the given version (0.7.1 unless said). */
export function fakeHost(
	binaries: readonly string[] = ['swtpm', 'swtpm_setup', 'swtpm_localca'],
	capabilities: Probe<SetupCapabilities> = fixtureCapabilities('0.7.1'),
): TpmHost & {asked: string[]} {
	const asked: string[] = [];
	return {
		asked,
		findBinary: name => (binaries.includes(name) ? `/usr/bin/${name}` : undefined),
		async capabilities(path) {
			asked.push(path);
			return capabilities;
		},
	};
}

export const capable: Probe<SetupCapabilities> = available({
	features: ['tpm-2.0'],
	tpm2: true,
	pcrBanks: true,
	notOverwrite: true,
	profiles: false,
	profileNames: [],
	ekCertificate: true,
	platformCertificate: true,
	ecc: true,
});
