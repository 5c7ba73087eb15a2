import {spawnSync} from 'node:child_process';
import {CliError, errno} from '@vmspawn/cli';
import {findBinary, type HostFs, realHostFs} from '@vmspawn/host';
import {type VirtiofsdFeatures, parseVirtiofsdHelp} from './features.js';

// Upstream's fallbacks, plus where Debian bookworm's qemu-system-common puts the C daemon.
export const virtiofsdFallbacks: readonly string[] = ['/usr/libexec/virtiofsd', '/usr/lib/virtiofsd', '/usr/lib/qemu/virtiofsd'];

export type Virtiofsd = {
	readonly path: string;
	readonly features: VirtiofsdFeatures;
};

export function findVirtiofsd(env: NodeJS.ProcessEnv = process.env, host: HostFs = realHostFs): string {
	const path = findBinary('virtiofsd', virtiofsdFallbacks, env, host);
	if (path === undefined) {
		throw new CliError(`cannot find virtiofsd on $PATH or in ${virtiofsdFallbacks.join(', ')} (Debian: apt-get install virtiofsd, or qemu-system-common on bookworm)`, {exitCode: errno.ENOENT});
	}

	return path;
}

// One --help run per binary and process: vmspawn-run may plan several shares.
const cache = new Map<string, VirtiofsdFeatures>();

/** Runs `virtiofsd --help` once and reads its flavour and capabilities. */
export function virtiofsdFeatures(path: string): VirtiofsdFeatures {
	const cached = cache.get(path);
	if (cached) {
		return cached;
	}

	const result = spawnSync(path, ['--help'], {encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe']});
	if (result.error) {
		throw new CliError(`cannot run ${path} --help: ${result.error.message}`, {exitCode: errno.ENOEXEC});
	}

	const features = parseVirtiofsdHelp(`${result.stdout}\n${result.stderr}`);
	if (features === undefined) {
		throw new CliError(`${path} is neither QEMU's C virtiofsd nor the Rust virtiofsd: its --help names neither -o source= nor --shared-dir`, {exitCode: errno.ENOEXEC});
	}

	cache.set(path, features);
	return features;
}

export function locateVirtiofsd(env: NodeJS.ProcessEnv = process.env): Virtiofsd {
	const path = findVirtiofsd(env);
	return {path, features: virtiofsdFeatures(path)};
}
