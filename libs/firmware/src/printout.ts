import {type ParsedArgs, listValue, stringValue} from '@vmspawn/cli';
import {effectiveDescriptorPaths} from './descriptor-paths.js';
import {type Printout, describeFirmware, listFeatures, wantsFeatureList} from './describe.js';
import type {FirmwareRequest} from './request.js';

/**
 * --firmware=list|describe and --firmware-features=list print something and exit,
 * as upstream; they need no image, kernel or plan. Returns undefined when none is given.
 * The request is built only for describe, so a listing never fails on other options.
 */
export function firmwarePrintout(args: ParsedArgs, request: () => FirmwareRequest, env: NodeJS.ProcessEnv): Printout | undefined {
	const firmware = stringValue(args, 'firmware');
	if (firmware === 'list') {
		return {
			text: effectiveDescriptorPaths(env)
				.map(path => `${path}\n`)
				.join(''),
			warnings: [],
		};
	}

	if (args.values.has('firmware-features') && wantsFeatureList(listValue(args, 'firmware-features'))) {
		return listFeatures({env});
	}

	return firmware === 'describe' ? describeFirmware(request()) : undefined;
}
