// Regenerates the published JSON Schemas (docs/plan.schema.json, docs/status.schema.json) from the zod schemas in libs/plan.
import {writeFile} from 'node:fs/promises';
import {planJsonSchema, statusJsonSchema} from '@vmspawn/plan';

for (const [name, schema] of [
	['plan.schema.json', planJsonSchema()],
	['status.schema.json', statusJsonSchema()],
] as const) {
	const target = new URL(`../docs/${name}`, import.meta.url);
	await writeFile(target, `${JSON.stringify(schema, null, '\t')}\n`);
	console.error(`wrote ${target.pathname}`);
}
