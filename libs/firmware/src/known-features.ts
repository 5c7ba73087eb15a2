import {CliError, errno} from '@vmspawn/cli';
import type {Criteria} from './evaluate.js';
import type {DescriptorEntry} from './load.js';

/** Every feature the loaded descriptors have, sorted: what --firmware-features=list prints. */
export function knownFeatures(entries: readonly DescriptorEntry[]): string[] {
	const features = new Set<string>();
	for (const entry of entries) {
		if (entry.state === 'loaded') {
			for (const feature of entry.descriptor.features) {
				features.add(feature);
			}
		}
	}

	return [...features].sort();
}

/** When a required feature is on no descriptor at all (a typo, most likely), the error that says so. */
export function unknownFeatureError(entries: readonly DescriptorEntry[], criteria: Criteria): CliError | undefined {
	const known = new Set(knownFeatures(entries));
	const unknown = [...criteria.features.include].filter(feature => !known.has(feature));
	if (unknown.length === 0) {
		return undefined;
	}

	const names = unknown.join(', ');
	return new CliError(`no firmware descriptor has the feature ${names}; --firmware-features=list prints the features there are`, {exitCode: errno.ENOENT});
}
