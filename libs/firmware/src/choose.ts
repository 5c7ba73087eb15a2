import {CliError, errno} from '@vmspawn/cli';
import {discoverDescriptors} from './discover.js';
import {unsupportedMapping} from './evaluate.js';
import {unknownFeatureError} from './known-features.js';
import {type LoadedEntry, loadDescriptor} from './load.js';
import type {FirmwareQuery} from './request.js';
import {type Selection, noFirmwareError, selectFirmware} from './select.js';

export type Choice = {
	readonly entry: LoadedEntry;
	readonly warnings: readonly string[];
	/** Absent when the descriptor was named with --firmware=. */
	readonly selection?: Selection;
};

// A named descriptor is used as it is (no filtering), but it must load and be usable.
function loadExplicit(query: FirmwareQuery, path: string): Choice {
	const entry = loadDescriptor(path);
	if (entry.state === 'broken') {
		const exitCode = entry.code === 'ENOENT' ? errno.ENOENT : entry.code === 'EACCES' ? errno.EACCES : errno.EINVAL;
		throw new CliError(`cannot use firmware descriptor ${path}: ${entry.problem}`, {exitCode});
	}

	const unsupported = unsupportedMapping(entry.descriptor);
	if (unsupported) {
		throw new CliError(`cannot use firmware descriptor ${path}: ${unsupported}`, {exitCode: errno.EOPNOTSUPP});
	}

	const secureBoot = entry.descriptor.features.includes('secure-boot');
	if (query.secureBoot === 'yes' && !secureBoot) {
		// Upstream exits EMEDIUMTYPE, 124 on Linux: timeout(1)'s status for a command that timed out.
		throw new CliError(`--secure-boot=yes, but the firmware of ${path} does not support Secure Boot`, {exitCode: errno.EOPNOTSUPP});
	}

	const warnings = query.secureBoot === 'no' && secureBoot ? [`--secure-boot=no, but ${path} is Secure Boot firmware; using it as named`] : [];
	return {entry, warnings};
}

/** The named descriptor, or the first discovered one that fits; never a silent fallback. */
export function chooseFirmware(query: FirmwareQuery): Choice {
	if (query.explicit !== undefined) {
		return loadExplicit(query, query.explicit);
	}

	const discovery = discoverDescriptors(query.directories);
	const selection = selectFirmware(discovery.entries, query.criteria);
	const warnings = [
		...discovery.warnings,
		...discovery.entries.flatMap(entry => (entry.state === 'broken' ? [`ignoring firmware descriptor ${entry.path}: ${entry.problem}`] : [])),
	];
	if (!selection.selected) {
		throw unknownFeatureError(discovery.entries, query.criteria) ?? noFirmwareError(query.criteria, selection, query.directories);
	}

	return {entry: selection.selected, warnings, selection};
}
