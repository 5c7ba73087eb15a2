import {describeFilter} from './features.js';
import type {Listing} from './listing.js';
import type {Verdict} from './select.js';

function status(verdict: Verdict): string {
	return verdict.selected ? 'SELECTED' : `no: ${verdict.rejectedBecause.map(rejection => rejection.message).join('; ')}`;
}

function details(verdict: Verdict): Array<[string, string]> {
	const {entry} = verdict;
	if (entry.state !== 'loaded') {
		return [['file', entry.path]];
	}

	const {descriptor} = entry;
	const {mapping} = descriptor;
	const code = mapping.device === 'flash' ? `${mapping.executable.filename} (${mapping.executable.format})` : `${mapping.filename} (${mapping.device})`;
	const template = mapping.device === 'flash' ? mapping['nvram-template'] : undefined;
	return [
		['description', descriptor.description],
		['targets', descriptor.targets.map(target => `${target.architecture} (${target.machines.join(', ')})`).join('; ')],
		['features', descriptor.features.join(', ') || '-'],
		['code', code],
		...(template ? [['variables', `${template.filename} (${template.format})`] as [string, string]] : []),
		['file', entry.path],
	];
}

/** The `list` table: one block per descriptor, in selection order. */
export function formatListing(listing: Listing): string {
	const {criteria} = listing;
	const filter = describeFilter(criteria.features);
	const lines = [`Firmware for ${criteria.arch}, machine type ${criteria.machineType}${filter ? `, ${filter}` : ''}:`];
	if (listing.verdicts.length === 0) {
		lines.push('', `  no firmware descriptors in ${listing.directories.join(', ')}`);
	}

	const width = Math.max(0, ...listing.verdicts.map(verdict => verdict.entry.name.length));
	for (const verdict of listing.verdicts) {
		lines.push('', `${verdict.selected ? '*' : ' '} ${verdict.entry.name.padEnd(width)}  ${status(verdict)}`);
		for (const [key, value] of details(verdict)) {
			lines.push(`    ${key.padEnd(11)}  ${value}`);
		}
	}

	return `${lines.join('\n')}\n`;
}
