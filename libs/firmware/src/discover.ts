import {type Stats, readdirSync, realpathSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {type DescriptorEntry, loadDescriptor} from './load.js';

export type Discovery = {
	/** One entry per file name, sorted by name. */
	readonly entries: readonly DescriptorEntry[];
	/** Directories that exist but could not be read. */
	readonly warnings: readonly string[];
};

function listJsonNames(directory: string, warnings: string[]): string[] {
	try {
		// Hidden files are skipped, as systemd's conf-files logic does.
		return readdirSync(directory).filter(name => name.endsWith('.json') && !name.startsWith('.'));
	} catch (error) {
		const {code, message} = error as NodeJS.ErrnoException;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') {
			warnings.push(`cannot read firmware directory ${directory}: ${message}`);
		}

		return [];
	}
}

// An empty file or a symlink to /dev/null hides the same name in later directories.
function isMask(path: string, stat: Stats): boolean {
	if (stat.isFile()) {
		return stat.size === 0;
	}

	try {
		return stat.isCharacterDevice() && realpathSync(path) === '/dev/null';
	} catch {
		return false;
	}
}

/**
 * Collects the descriptors of the search directories, unified by file name: a name
 * in an earlier directory overrides the same name in later ones.
 */
export function discoverDescriptors(directories: readonly string[]): Discovery {
	const warnings: string[] = [];
	const byName = new Map<string, DescriptorEntry>();
	for (const directory of directories) {
		for (const name of listJsonNames(directory, warnings)) {
			if (byName.has(name)) {
				continue;
			}

			const path = join(directory, name);
			let stat: Stats;
			try {
				stat = statSync(path);
			} catch (error) {
				// A dangling symlink still claims its name; it is reported, not silently skipped.
				byName.set(name, {name, path, state: 'broken', problem: `cannot read: ${(error as Error).message}`});
				continue;
			}

			if (isMask(path, stat)) {
				byName.set(name, {name, path, state: 'masked'});
			} else if (stat.isFile()) {
				byName.set(name, loadDescriptor(path, name));
			}
		}
	}

	// Code-unit order, as strcmp() sorts: 40-… before 50-… whatever the locale.
	const entries = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {entries, warnings};
}
