import type * as z from 'zod';

/** The JSON Schema keyword that marks a field as one run's: a replay makes it afresh. */
export const PER_RUN_KEYWORD = 'x-vmspawn-per-run';

/**
 * Marks a schema as per run (runtime paths, a picked port, a generated key): kept
 * in --dry-run's plan for reading, remade when the plan is fed back to vmspawn-run.
 */
export function perRun<Schema extends z.ZodType>(schema: Schema, why: string): Schema {
	return schema.meta({[PER_RUN_KEYWORD]: true, description: `Per run (a replay makes it afresh): ${why}`}) as Schema;
}
