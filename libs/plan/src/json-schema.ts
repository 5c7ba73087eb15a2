import * as z from 'zod';
import {PlanSchema} from './plan.js';
import {PLAN_FORMAT_VERSION} from './version.js';

/** The plan's JSON Schema, as published in docs/plan.schema.json. */
export function planJsonSchema(): Record<string, unknown> {
	const schema = z.toJSONSchema(PlanSchema, {io: 'input', unrepresentable: 'any'}) as Record<string, unknown>;
	return {
		...schema,
		$id: 'https://vmspawn-ts.invalid/plan.schema.json',
		title: `vmspawn plan, format ${PLAN_FORMAT_VERSION}`,
	};
}
