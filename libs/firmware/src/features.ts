import {type Tristate, invalidOption} from '@vmspawn/cli';

/** Features a descriptor must have (include) or must not have (exclude). */
export type FeatureFilter = {
	readonly include: ReadonlySet<string>;
	readonly exclude: ReadonlySet<string>;
};

// Firmware with pre-enrolled keys has been known to cause issues; upstream skips it by default.
export const defaultExcludedFeatures: readonly string[] = ['enrolled-keys'];

const featureName = /^[A-Za-z0-9._-]+$/;

/**
 * Builds the filter from --firmware-features= values in command-line order: a comma
 * separated list, `~NAME` excludes, the last mention of a feature wins, an empty value
 * clears everything (the default exclusion too). --secure-boot=yes|no is sugar for
 * `secure-boot`/`~secure-boot` and auto for neither; given, it decides over the list.
 */
export function featureFilter(values: readonly string[] = [], secureBoot?: Tristate): FeatureFilter {
	const include = new Set<string>();
	const exclude = new Set(defaultExcludedFeatures);
	for (const value of values) {
		if (value === '') {
			include.clear();
			exclude.clear();
			continue;
		}

		for (const word of value.split(',').filter(Boolean)) {
			const excluded = word.startsWith('~');
			const name = excluded ? word.slice(1) : word;
			if (!featureName.test(name)) {
				throw invalidOption('firmware-features', value, `"${word}" is not a feature name (expected e.g. secure-boot or ~enrolled-keys)`);
			}

			(excluded ? exclude : include).add(name);
			(excluded ? include : exclude).delete(name);
		}
	}

	if (secureBoot !== undefined) {
		include.delete('secure-boot');
		exclude.delete('secure-boot');
		if (secureBoot !== 'auto') {
			(secureBoot === 'yes' ? include : exclude).add('secure-boot');
		}
	}

	return {include, exclude};
}

/** "with secure-boot, without enrolled-keys", for messages. */
export function describeFilter(filter: FeatureFilter): string {
	const parts = [
		...(filter.include.size > 0 ? [`with ${[...filter.include].join(', ')}`] : []),
		...(filter.exclude.size > 0 ? [`without ${[...filter.exclude].join(', ')}`] : []),
	];
	return parts.join(', ');
}
