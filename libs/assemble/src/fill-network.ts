import {planNetwork} from '@vmspawn/network';
import {type Plan, withSection} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/** The network section: none unless --network-user-mode or --network-tap, as upstream. */
export function fillNetwork(plan: Plan, options: RunOptions, env: NodeJS.ProcessEnv): {plan: Plan; warnings: readonly string[]} {
	const {section, warnings} = planNetwork({
		...(options.network ?? {userMode: false, tap: false, ports: []}),
		machineName: plan.machine!.name,
		env,
		uid: process.getuid?.() ?? 0,
	});
	return {plan: withSection(plan, 'network', section), warnings};
}
