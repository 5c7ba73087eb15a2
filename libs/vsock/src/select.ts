import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import type {CidSource} from '@vmspawn/plan';
import {DERIVED_CANDIDATES, RANDOM_CANDIDATES, type RandomCid, deriveCids, randomCid} from './cid.js';
import type {VsockDevice} from '@vmspawn/host';

export type CidChoice = {
	readonly cid: number;
	readonly cidSource: CidSource;
	/** The machine name a derived CID was hashed from. */
	readonly derivedFrom?: string;
};

/** Upstream's order: the CIDs derived from the name (from `skip` on), then random ones. */
export function* automaticCandidates(name: string | undefined, random: RandomCid = randomCid, skip = 0): Generator<CidChoice> {
	if (name !== undefined) {
		for (const cid of deriveCids(name).slice(skip)) {
			yield {cid, cidSource: 'derived', derivedFrom: name};
		}
	}

	for (let attempt = 0; attempt < RANDOM_CANDIDATES; attempt++) {
		yield {cid: random(), cidSource: 'random'};
	}
}

export function inUse(cid: number): CliError {
	return new CliError(`CID ${cid} is already in use by another VM (choose another --vsock-cid= or leave it out)`, {exitCode: errno.EADDRINUSE});
}

function setFailed(device: VsockDevice, cid: number, code: string): CliError {
	return new CliError(`cannot give the guest CID ${cid} on ${device.path}: ${code}`, {exitCode: errnoExitCode(code) ?? errno.EIO});
}

/** Sets the first free candidate on `fd`; a CID in use moves on, any other failure stops. */
export function firstFreeCid(device: VsockDevice, fd: number, candidates: Iterable<CidChoice>): CidChoice | undefined {
	for (const candidate of candidates) {
		const result = device.setGuestCid(fd, candidate.cid);
		if (result === 'ok') {
			return candidate;
		}

		if (result !== 'EADDRINUSE') {
			throw setFailed(device, candidate.cid, result);
		}
	}

	return undefined;
}

/** Gives the vhost-vsock fd a CID: the explicit one, or the first free automatic one. */
export function selectCid(
	device: VsockDevice,
	fd: number,
	request: {cid?: number | undefined; name?: string | undefined},
	random: RandomCid = randomCid,
): CidChoice {
	if (request.cid !== undefined) {
		const choice = firstFreeCid(device, fd, [{cid: request.cid, cidSource: 'explicit'}]);
		if (!choice) {
			throw inUse(request.cid);
		}

		return choice;
	}

	const choice = firstFreeCid(device, fd, automaticCandidates(request.name, random));
	if (!choice) {
		const derived = request.name === undefined ? '' : `the ${DERIVED_CANDIDATES} CIDs derived from '${request.name}' and `;
		throw new CliError(`cannot find a free CID for the guest: ${derived}${RANDOM_CANDIDATES} random ones are all in use`, {exitCode: errno.EADDRNOTAVAIL});
	}

	return choice;
}
