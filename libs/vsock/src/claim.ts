import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {type RandomCid, deriveCids, randomCid} from './cid.js';
import type {VsockDevice} from '@vmspawn/host';
import {type CidChoice, automaticCandidates, firstFreeCid, inUse} from './select.js';

export type ClaimedCid = {
	/** The vhost-vsock fd now holding the CID; hand it to qemu as vhostfd=. */
	readonly fd: number;
	/** The section as it stands now: a different CID if the planned one was taken meanwhile. */
	readonly section: Section<'vsock'>;
	/** Set when the CID changed, to tell the user. */
	readonly notice?: string;
};

// A derived CID that is taken now: try the candidates after it, as if the stage had met it taken.
function laterCandidates(section: Section<'vsock'> & {enabled: true}, random: RandomCid): Iterable<CidChoice> {
	if (section.cidSource === 'derived' && section.derivedFrom !== undefined) {
		const index = deriveCids(section.derivedFrom).indexOf(section.cid);
		return automaticCandidates(section.derivedFrom, random, index + 1);
	}

	return automaticCandidates(undefined, random);
}

/**
 * Claims the planned CID for real, on an fd that stays open for qemu. An explicit CID that
 * is taken is an error; a derived or random one moves on to the next free candidate.
 * Returns undefined when the section has vsock off.
 */
export async function claimCid(device: VsockDevice, section: Section<'vsock'>, random: RandomCid = randomCid): Promise<ClaimedCid | undefined> {
	if (!section.enabled || section.cid === undefined) {
		return undefined;
	}

	const opened = await device.open();
	if (opened.state !== 'available') {
		throw new CliError(`the plan gives the guest vsock CID ${section.cid}, but ${opened.reason}`, {exitCode: errnoExitCode(opened.code) ?? errno.ENODEV});
	}

	const fd = opened.value;
	try {
		const planned: CidChoice = {cid: section.cid, cidSource: section.cidSource ?? 'explicit'};
		if (firstFreeCid(device, fd, [planned])) {
			return {fd, section};
		}

		if (planned.cidSource === 'explicit') {
			throw inUse(section.cid);
		}

		const choice = firstFreeCid(device, fd, laterCandidates(section, random));
		if (!choice) {
			throw new CliError(`CID ${section.cid} is now in use by another VM and no other free CID was found`, {exitCode: errno.EADDRNOTAVAIL});
		}

		const {derivedFrom: _old, ...rest} = section;
		return {fd, section: {...rest, ...choice}, notice: `CID ${section.cid} is now in use by another VM; using CID ${choice.cid} (${choice.cidSource}) instead`};
	} catch (error) {
		device.close(fd);
		throw error;
	}
}
