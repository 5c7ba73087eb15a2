import {join} from 'node:path';
import {invalidOption} from '@vmspawn/cli';
import {type FirmwareNvram, type FirmwareSection, MachineSection, type Plan, type Section, stateBesideRoot, withSection} from '@vmspawn/plan';
import {newRuntimeDir} from '@vmspawn/host';
import {chooseFirmware} from './choose.js';
import {type NvramStateRequest, parseNvramState, parseNvramTemplate} from './nvram-request.js';
import {type FirmwareRequest, firmwareQuery} from './request.js';
import {firmwareSection} from './section.js';

/** The per-run copy of the variable store, inside the runtime directory. */
export const nvramFileName = 'efi-vars.fd';

/** The suffix of the persistent store beside the root image or directory (--efi-nvram-state=auto), as upstream. */
export const nvramStateSuffix = '.efinvramstate';

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

/** The persistent store's path, or undefined for a per-run copy (off, or auto without a root to keep it beside). */
function persistentPath(state: NvramStateRequest, plan: Plan): string | undefined {
	if (state.kind === 'path') {
		return state.path;
	}

	const beside = state.kind === 'auto' ? stateBesideRoot(plan.fs?.root) : undefined;
	return beside === undefined ? undefined : `${beside}${nvramStateSuffix}`;
}

// Firmware without a template keeps no variables: an explicit store or template for it is a mistake.
function refuseStatelessOptions(base: FirmwareSection, descriptor: string, request: FirmwareRequest, state: NvramStateRequest): void {
	if (base.varsTemplate !== undefined) {
		return;
	}

	const why = `the firmware of ${descriptor} keeps no variables (it has no nvram-template)`;
	if (state.kind === 'path') {
		throw invalidOption('efi-nvram-state', request.efiNvramState ?? '', why);
	}

	if (request.efiNvramTemplate) {
		throw invalidOption('efi-nvram-template', request.efiNvramTemplate, why);
	}
}

/**
 * Selects the firmware and writes the plan's firmware section. Describes paths only:
 * the runtime directory is chosen here (when the plan has none) but created by vmspawn-run.
 */
export function planFirmware(plan: Plan, request: FirmwareRequest = {}): PlannedFirmware {
	const query = firmwareQuery(request, plan.machine);
	const name = runtimeName(request, plan);
	const state = parseNvramState(request.efiNvramState, request.cwd);
	const template = parseNvramTemplate(request.efiNvramTemplate, request.cwd);
	const {entry, warnings} = chooseFirmware(query);
	const selected = firmwareSection(entry);
	refuseStatelessOptions(selected, entry.path, request, state);
	// The user's template takes the place of the descriptor's, in the descriptor's format.
	const base = template && selected.varsTemplate ? {...selected, varsTemplate: {...selected.varsTemplate, path: template}} : selected;
	let result = plan;
	let nvram: FirmwareNvram | undefined;
	if (base.varsTemplate !== undefined) {
		const path = persistentPath(state, plan);
		if (path === undefined) {
			const dir = plan.runtime?.dir ?? newRuntimeDir(name, request.env);
			if (plan.runtime === undefined) {
				result = withSection(result, 'runtime', {dir});
			}

			nvram = {path: join(dir, nvramFileName), persistent: false};
		} else {
			nvram = {path, persistent: true};
		}
	}

	result = withSection(result, 'firmware', {...base, ...(nvram ? {nvram} : {})});
	return {plan: result, section: result.firmware!, warnings};
}
