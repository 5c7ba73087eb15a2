import {type Tristate, UsageError} from '@vmspawn/cli';
import {newRuntimeDir} from '@vmspawn/host';
import {planBoot} from '@vmspawn/boot';
import {type MachineRequest, defaultMachineName, planMachine} from '@vmspawn/machine';
import {type Plan, type Section, type SectionName, withSection} from '@vmspawn/plan';

/** vmspawn-run's options, already parsed and validated. */
export type RunOptions = {
	readonly machineName?: string;
	readonly uuid?: string;
	readonly cpus?: string;
	readonly ramBytes?: bigint;
	readonly kvm?: Tristate;
	readonly linux?: string;
	readonly initrds: readonly string[];
	readonly extraArgs: readonly string[];
	readonly console?: Section<'console'>['mode'];
	readonly arch: string;
	/** Long names of the options the user gave, to detect conflicts with an incoming plan. */
	readonly given: ReadonlySet<string>;
};

export type CompletePlan = Plan & {
	machine: Section<'machine'>;
	boot: Section<'boot'>;
	console: Section<'console'>;
	runtime: Section<'runtime'>;
};

// Which options describe which section: giving one for a section that came in a plan is a conflict.
const optionsBySection: Partial<Record<SectionName, readonly string[]>> = {
	machine: ['machine', 'uuid', 'cpus', 'ram', 'kvm'],
	boot: ['linux', 'initrd'],
	console: ['console'],
};

function refuseConflicts(incoming: Plan, given: ReadonlySet<string>): void {
	for (const [section, options] of Object.entries(optionsBySection)) {
		const clash = options.find(option => given.has(option));
		if (clash && incoming[section as SectionName] !== undefined) {
			throw new UsageError(`--${clash} conflicts with the ${section} section of the incoming plan; leave the option out or edit the plan`);
		}
	}
}

function machineRequest(options: RunOptions): MachineRequest {
	const name = options.machineName ?? defaultMachineName({});
	if (name === undefined) {
		throw new UsageError('failed to determine the machine name automatically, please use -M/--machine=');
	}

	return {
		name,
		...(options.uuid ? {uuid: options.uuid} : {}),
		cpus: options.cpus ?? '1',
		ramBytes: options.ramBytes ?? 2n * 1024n ** 3n,
		kvm: options.kvm ?? 'auto',
		arch: options.arch,
	};
}

/**
 * Fills every section the incoming plan lacks from the options, calling the same
 * libraries the stage tools use. Sections that arrived are never changed.
 */
export function completePlan(incoming: Plan, options: RunOptions): {plan: CompletePlan; warnings: string[]} {
	refuseConflicts(incoming, options.given);
	const warnings: string[] = [];
	let plan = incoming;
	if (!plan.machine) {
		const {section, warning} = planMachine(machineRequest(options));
		plan = withSection(plan, 'machine', section);
		if (warning) {
			warnings.push(warning);
		}
	}

	if (!plan.boot) {
		plan = withSection(plan, 'boot', planBoot({...(options.linux === undefined ? {} : {linux: options.linux}), initrds: options.initrds, extraArgs: options.extraArgs}));
	} else if (options.extraArgs.length > 0) {
		plan = withSection(plan, 'boot', {...plan.boot, extraArgs: [...plan.boot.extraArgs, ...options.extraArgs]});
	}

	if (!plan.console) {
		plan = withSection(plan, 'console', {mode: options.console ?? 'interactive'});
	}

	if (!plan.runtime) {
		plan = withSection(plan, 'runtime', {dir: newRuntimeDir(plan.machine!.name)});
	}

	return {plan: plan as CompletePlan, warnings};
}
