// Regenerates docs/plan.schema.json from the zod schema in libs/plan.
import {writeFile} from 'node:fs/promises';
import {planJsonSchema} from '@vmspawn/plan';

const target = new URL('../docs/plan.schema.json', import.meta.url);
await writeFile(target, `${JSON.stringify(planJsonSchema(), null, '\t')}\n`);
console.error(`wrote ${target.pathname}`);
