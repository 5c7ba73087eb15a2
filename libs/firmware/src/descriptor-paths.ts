import {discoverDescriptors} from './discover.js';
import {firmwareSearchDirs} from './search-dirs.js';

/** The descriptor files in effect (overrides applied, masked ones left out), as `--firmware=list` prints them. */
export function effectiveDescriptorPaths(env: NodeJS.ProcessEnv = process.env): string[] {
	return discoverDescriptors(firmwareSearchDirs(env))
		.entries.filter(entry => entry.state !== 'masked')
		.map(entry => entry.path);
}
