import {discoverDescriptors} from './discover.js';
import type {Criteria} from './evaluate.js';
import {type FirmwareRequest, firmwareQuery} from './request.js';
import {type Verdict, selectFirmware} from './select.js';

export type Listing = {
	readonly criteria: Criteria;
	readonly directories: readonly string[];
	readonly verdicts: readonly Verdict[];
	readonly warnings: readonly string[];
};

/** Every discovered descriptor with the verdict selection would give it. */
export function listFirmware(request: FirmwareRequest = {}): Listing {
	// --firmware= names one descriptor to use; a listing always shows every discovered one.
	const {firmware: _firmware, ...rest} = request;
	const {criteria, directories} = firmwareQuery(rest);
	const discovery = discoverDescriptors(directories);
	return {criteria, directories, verdicts: selectFirmware(discovery.entries, criteria).verdicts, warnings: discovery.warnings};
}

function ownFields(verdict: Verdict): Record<string, unknown> {
	const {entry} = verdict;
	switch (entry.state) {
		case 'loaded': {
			return entry.raw;
		}

		case 'broken': {
			const raw = typeof entry.raw === 'object' && entry.raw !== null && !Array.isArray(entry.raw) ? entry.raw : {};
			return {...raw, broken: entry.problem};
		}

		case 'masked': {
			return {masked: true};
		}
	}
}

/** `list --json`: each descriptor's own fields (QEMU's schema) plus path, selected and rejectedBecause. */
export function listingJson(listing: Listing): Array<Record<string, unknown>> {
	return listing.verdicts.map(verdict => ({
		...ownFields(verdict),
		path: verdict.entry.path,
		selected: verdict.selected,
		rejectedBecause: verdict.rejectedBecause,
	}));
}
