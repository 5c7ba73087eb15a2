import * as z from 'zod';
import {PlanSchema} from './plan.js';
import {STATUS_FORMAT_VERSION, VmStatusSchema} from './status.js';
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

/** The status file's JSON Schema, as published in docs/status.schema.json. */
export function statusJsonSchema(): Record<string, unknown> {
	const schema = z.toJSONSchema(VmStatusSchema, {io: 'input', unrepresentable: 'any'}) as Record<string, unknown>;
	return {
		...schema,
		$id: 'https://vmspawn-ts.invalid/status.schema.json',
		title: `vmspawn-run status file, format ${STATUS_FORMAT_VERSION}`,
	};
}
