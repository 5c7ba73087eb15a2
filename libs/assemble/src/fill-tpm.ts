import {addTpmSection} from '@vmspawn/tpm';
import type {Plan} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/** The tpm section: swtpm when it is installed (or --tpm=yes), state kept as --tpm-state says. */
export async function fillTpm(plan: Plan, options: RunOptions, env: NodeJS.ProcessEnv): Promise<Plan> {
	return addTpmSection(plan, {...(options.tpm ?? {mode: 'auto', state: {kind: 'auto'}}), env});
}
