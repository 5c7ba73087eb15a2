import {CliError, errno} from '@vmspawn/cli';
import {type Criteria, type Rejection, rejectionsOf} from './evaluate.js';
import {describeFilter} from './features.js';
import type {DescriptorEntry, LoadedEntry} from './load.js';

export type Verdict = {
	readonly entry: DescriptorEntry;
	readonly selected: boolean;
	/** Empty for the selected descriptor. */
	readonly rejectedBecause: readonly Rejection[];
};

export type Selection = {
	readonly selected?: LoadedEntry;
	readonly verdicts: readonly Verdict[];
};

/** Walks the sorted descriptors and takes the first that fits, recording why each other one does not. */
export function selectFirmware(entries: readonly DescriptorEntry[], criteria: Criteria): Selection {
	let selected: LoadedEntry | undefined;
	const verdicts = entries.map((entry): Verdict => {
		const rejections = rejectionsOf(entry, criteria);
		if (rejections.length > 0) {
			return {entry, selected: false, rejectedBecause: rejections};
		}

		if (selected) {
			return {entry, selected: false, rejectedBecause: [{code: 'superseded', message: `fits too, but ${selected.name} comes first`}]};
		}

		selected = entry as LoadedEntry;
		return {entry, selected: true, rejectedBecause: []};
	});
	return selected ? {selected, verdicts} : {verdicts};
}

/** The error when nothing fits: what was asked for, where we looked, how to find out why. */
export function noFirmwareError(criteria: Criteria, selection: Selection, directories: readonly string[]): CliError {
	const wanted = [`UEFI firmware for ${criteria.arch} (machine type ${criteria.machineType})`, describeFilter(criteria.features)].filter(Boolean).join(' ');
	const count = selection.verdicts.length;
	const where = directories.join(', ');
	const message =
		count === 0
			? `no ${wanted}: no firmware descriptors in ${where} (on Debian: apt install ovmf)`
			: `no ${wanted} among ${count} descriptor${count === 1 ? '' : 's'} in ${where}; 'vmspawn-firmware list' with the same options shows why each was rejected`;
	return new CliError(message, {exitCode: errno.ENOENT});
}
