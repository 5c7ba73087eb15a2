import {UsageError} from '@vmspawn/cli';
import {planFirmware} from '@vmspawn/firmware';
import type {Plan} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/** The firmware section from the options: selected from the descriptors, or none for a direct boot. */
export function fillFirmware(plan: Plan, options: RunOptions, env: NodeJS.ProcessEnv): {plan: Plan; warnings: readonly string[]} {
	if (options.firmware?.firmware === 'none') {
		if (!plan.boot?.kernel) {
			throw new UsageError('--firmware=none needs a kernel to boot: use --linux=');
		}

		// null, not absent: "no firmware" is a decision a later stage must not undo.
		return {plan: {...plan, firmware: null}, warnings: []};
	}

	const {plan: result, warnings} = planFirmware(plan, {...options.firmware, env});
	return {plan: result, warnings};
}
