import {MachineSection} from '@vmspawn/plan';
import {UsageError} from './errors.js';
import type {OptionDef} from './tool-spec.js';

/** -M/--machine, as every tool that names a machine spells it. */
export function machineOptionDef(description: string, defaultText: string): OptionDef {
	return {name: 'machine', short: 'M', kind: 'value', valueName: 'NAME', description, defaultText};
}

/** The -M value checked as upstream does (a valid host name); empty means "not given". */
export function parseMachineName(value: string | undefined): string | undefined {
	if (value === undefined || value === '') {
		return undefined;
	}

	if (!MachineSection.shape.name.safeParse(value).success) {
		throw new UsageError(`invalid --machine=${value}: expected a valid host name (letters, digits, '-', '_', dots between labels, at most 64 characters)`);
	}

	return value;
}
