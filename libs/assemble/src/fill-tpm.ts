import {addTpmSection, tpmHost} from '@vmspawn/tpm';
import type {Host} from '@vmspawn/host';
import type {Plan} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/** The tpm section: swtpm when it is installed (or --tpm=yes), state kept as --tpm-state says. */
export async function fillTpm(plan: Plan, options: RunOptions, env: NodeJS.ProcessEnv, host: Host): Promise<Plan> {
	return addTpmSection(plan, {...(options.tpm ?? {mode: 'auto', state: {kind: 'auto'}}), env}, tpmHost(host, env));
}
