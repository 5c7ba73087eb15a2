import {planNetwork} from '@vmspawn/network';
import {type Plan, type PortForward, withSection} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/** The network section: none unless --network-user-mode or --network-tap, as upstream; `extraForward` is vmspawn-run's own (SSH). */
export function fillNetwork(plan: Plan, options: RunOptions, env: NodeJS.ProcessEnv, extraForward?: PortForward): {plan: Plan; warnings: readonly string[]} {
	const {section, warnings} = planNetwork({
		...(options.network ?? {userMode: false, tap: false, ports: []}),
		machineName: plan.machine!.name,
		env,
		uid: process.getuid?.() ?? 0,
	});
	const withForward = extraForward && section.mode === 'user' ? {...section, ports: [...section.ports, extraForward]} : section;
	return {plan: withSection(plan, 'network', withForward), warnings};
}
