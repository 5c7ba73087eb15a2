import {chooseFirmware} from './choose.js';
import {discoverDescriptors} from './discover.js';
import {knownFeatures} from './known-features.js';
import {type FirmwareRequest, firmwareQuery} from './request.js';
import {firmwareSearchDirs} from './search-dirs.js';

export type Printout = {readonly text: string; readonly warnings: readonly string[]};

/** `--firmware=describe`: the descriptor a boot with these options would use, as its file has it. */
export function describeFirmware(request: FirmwareRequest): Printout {
	const choice = chooseFirmware(firmwareQuery(request));
	return {text: `${JSON.stringify(choice.entry.raw, null, 2)}\n`, warnings: choice.warnings};
}

/** `--firmware-features=list`: the features the descriptors in effect have, one per line. */
export function listFeatures(request: Pick<FirmwareRequest, 'directories' | 'env'> = {}): Printout {
	const directories = request.directories ?? firmwareSearchDirs(request.env);
	const {entries, warnings} = discoverDescriptors(directories);
	return {
		text: knownFeatures(entries)
			.map(feature => `${feature}\n`)
			.join(''),
		warnings,
	};
}

/** Whether --firmware-features= asks for the list rather than naming features. */
export function wantsFeatureList(values: readonly string[]): boolean {
	return values.includes('list');
}
