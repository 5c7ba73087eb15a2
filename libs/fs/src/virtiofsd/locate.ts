import {realpathSync} from 'node:fs';
import {delimiter, join} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';
import type {Host, RunCommandSync} from '@vmspawn/host';
import {type VirtiofsdFeatures, parseVirtiofsdHelp} from './features.js';

/**
 * Upstream's fallbacks, then where Debian bookworm's qemu-system-common puts the C daemon,
 * then where scripts/install-rust-virtiofsd.sh puts the Rust one on bookworm.
 */
export const virtiofsdFallbacks: readonly string[] = [
	'/usr/libexec/virtiofsd',
	'/usr/lib/virtiofsd',
	'/usr/lib/qemu/virtiofsd',
	'/usr/local/libexec/virtiofsd',
];

export type Virtiofsd = {
	readonly path: string;
	readonly features: VirtiofsdFeatures;
};

/** Every executable virtiofsd, $PATH first, then the fallbacks; one path per file. */
export function virtiofsdCandidates(env: NodeJS.ProcessEnv, host: Host): string[] {
	const directories = (env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
	const seen = new Set<string>();
	const found: string[] = [];
	for (const candidate of [...directories.map(directory => join(directory, 'virtiofsd')), ...virtiofsdFallbacks]) {
		if (!host.fs.isExecutable(candidate)) {
			continue;
		}

		let real = candidate;
		try {
			real = realpathSync(candidate);
		} catch {}

		if (!seen.has(real)) {
			seen.add(real);
			found.push(candidate);
		}
	}

	return found;
}

/** The first virtiofsd found, as upstream looks for it (no probing). */
export function findVirtiofsd(env: NodeJS.ProcessEnv, host: Host): string {
	const path = virtiofsdCandidates(env, host)[0];
	if (path === undefined) {
		throw new CliError(
			`cannot find virtiofsd on $PATH or in ${virtiofsdFallbacks.join(', ')} (Debian: apt-get install virtiofsd, or qemu-system-common on bookworm)`,
			{exitCode: errno.ENOENT},
		);
	}

	return path;
}

// One --help run per binary and host: vmspawn-run may plan several shares.
const caches = new WeakMap<RunCommandSync, Map<string, VirtiofsdFeatures | undefined>>();

/** Runs `virtiofsd --help` once and reads its flavour and capabilities; undefined when it is neither flavour. */
export function probeVirtiofsd(path: string, run: RunCommandSync): VirtiofsdFeatures | undefined {
	let cache = caches.get(run);
	if (!cache) {
		cache = new Map();
		caches.set(run, cache);
	}

	if (cache.has(path)) {
		return cache.get(path);
	}

	const result = run([path, '--help'], {timeoutMs: 10_000});
	if (result.spawnError !== undefined || result.timedOut) {
		throw new CliError(`cannot run ${path} --help: ${result.timedOut ? 'it did not finish in 10 s' : result.spawnError}`, {exitCode: errno.ENOEXEC});
	}

	const features = parseVirtiofsdHelp(`${result.stdout}\n${result.stderr}`);
	cache.set(path, features);
	return features;
}

/** Like probeVirtiofsd(), but a binary that is neither flavour is an error. */
export function virtiofsdFeatures(path: string, run: RunCommandSync): VirtiofsdFeatures {
	const features = probeVirtiofsd(path, run);
	if (features === undefined) {
		throw new CliError(`${path} is neither QEMU's C virtiofsd nor the Rust virtiofsd: its --help names neither -o source= nor --shared-dir`, {
			exitCode: errno.ENOEXEC,
		});
	}

	return features;
}

/**
 * The virtiofsd to use: the first Rust one found (it maps ids, runs without root and
 * enforces read-only shares itself), else the first one found. The flavour is told by
 * probing each binary's --help, never by its path.
 */
export function chooseVirtiofsd(candidates: readonly string[], probe: (path: string) => VirtiofsdFeatures | undefined): Virtiofsd | undefined {
	let first: Virtiofsd | undefined;
	for (const path of candidates) {
		const features = probe(path);
		if (features?.flavour === 'rust') {
			return {path, features};
		}

		if (features && !first) {
			first = {path, features};
		}
	}

	return first;
}

export function locateVirtiofsd(env: NodeJS.ProcessEnv, host: Host): Virtiofsd {
	const chosen = chooseVirtiofsd(virtiofsdCandidates(env, host), path => probeVirtiofsd(path, host.runSync));
	if (chosen) {
		return chosen;
	}

	// None is usable: say why about the one upstream would have run.
	const path = findVirtiofsd(env, host);
	return {path, features: virtiofsdFeatures(path, host.runSync)};
}
