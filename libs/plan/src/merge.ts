import {planErrorFromZod} from './errors.js';
import {type Plan, type Section, type SectionName, planSections} from './plan.js';

/**
 * Returns a new plan with one section set (validated); every other section is
 * carried over as the same object, so a stage can never disturb what it does not own.
 */
export function withSection<Name extends SectionName>(plan: Plan, name: Name, section: Section<Name>): Plan {
	const result = planSections[name].safeParse(section, {reportInput: true});
	if (!result.success) {
		throw planErrorFromZod(result.error, [name]);
	}

	return {...plan, [name]: result.data};
}

export function hasSection(plan: Plan, name: SectionName): boolean {
	return plan[name] !== undefined;
}
