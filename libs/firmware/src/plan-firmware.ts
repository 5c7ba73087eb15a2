import {join} from 'node:path';
import {invalidOption} from '@vmspawn/cli';
import {type FirmwareNvram, MachineSection, type Plan, type Section, withSection} from '@vmspawn/plan';
import {newRuntimeDir} from '@vmspawn/host';
import {chooseFirmware} from './choose.js';
import {parsePathOption} from './options.js';
import {type FirmwareRequest, firmwareQuery} from './request.js';
import {firmwareSection} from './section.js';

/** The per-run copy of the variable store, inside the runtime directory. */
export const nvramFileName = 'efi-vars.fd';

export type PlannedFirmware = {
	readonly plan: Plan;
	readonly section: Section<'firmware'>;
	readonly warnings: readonly string[];
};

// Names a new runtime directory; checked up front so a bad -M fails whatever is selected.
function runtimeName(request: FirmwareRequest, plan: Plan): string {
	if (request.machineName === undefined || request.machineName === '') {
		return plan.machine?.name ?? 'vmspawn';
	}

	if (!MachineSection.shape.name.safeParse(request.machineName).success) {
		throw invalidOption('machine', request.machineName, 'expected a valid host name');
	}

	return request.machineName;
}

/**
 * Selects the firmware and writes the plan's firmware section. Describes paths only:
 * the runtime directory is chosen here (when the plan has none) but created by vmspawn-run.
 */
export function planFirmware(plan: Plan, request: FirmwareRequest = {}): PlannedFirmware {
	const query = firmwareQuery(request, plan.machine);
	const name = runtimeName(request, plan);
	const statePath = request.efiNvramState === 'off' ? undefined : parsePathOption('efi-nvram-state', request.efiNvramState, request.cwd);
	const {entry, warnings} = chooseFirmware(query);
	const base = firmwareSection(entry);
	let result = plan;
	let nvram: FirmwareNvram | undefined;
	if (base.varsTemplate === undefined) {
		if (statePath !== undefined) {
			throw invalidOption('efi-nvram-state', request.efiNvramState ?? '', `the firmware of ${entry.path} keeps no variables (it has no nvram-template)`);
		}
	} else if (statePath === undefined) {
		const dir = plan.runtime?.dir ?? newRuntimeDir(name, request.env);
		if (plan.runtime === undefined) {
			result = withSection(result, 'runtime', {dir});
		}

		nvram = {path: join(dir, nvramFileName), persistent: false};
	} else {
		nvram = {path: statePath, persistent: true};
	}

	result = withSection(result, 'firmware', {...base, ...(nvram ? {nvram} : {})});
	return {plan: result, section: result.firmware!, warnings};
}
