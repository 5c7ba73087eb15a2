import {PlanError, planErrorFromZod} from './errors.js';
import {checkPlanText} from './limits.js';
import {type Plan, planSchemaFor} from './plan.js';
import {versionProblem} from './version.js';

/** Validates an already-decoded JSON value as a plan. */
export function validatePlan(value: unknown): Plan {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new PlanError([`plan: expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`]);
	}

	const problem = versionProblem((value as Record<string, unknown>)['version']);
	if (problem) {
		throw new PlanError([`plan.version: ${problem}`]);
	}

	// Built for the sections the plan has: a stage's plan has a few of the twelve.
	const result = planSchemaFor(value).safeParse(value, {reportInput: true});
	if (!result.success) {
		throw planErrorFromZod(result.error);
	}

	return result.data;
}

/** Parses plan text (one JSON document), refusing one too large or too deeply nested. */
export function parsePlan(text: string): Plan {
	checkPlanText(text);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new PlanError([`plan: not valid JSON (${(error as Error).message})`]);
	}

	return validatePlan(value);
}

export function serializePlan(plan: Plan): string {
	return `${JSON.stringify(plan)}\n`;
}
