import {readFile} from 'node:fs/promises';
import test from 'ava';
import {planJsonSchema, statusJsonSchema} from '../src/index.js';

const published = new URL('../../../docs/plan.schema.json', import.meta.url);

test('docs/plan.schema.json matches the zod schema (run `npm run schema` after changing it)', async t => {
	const text = await readFile(published, 'utf8');
	t.deepEqual(JSON.parse(text), planJsonSchema());
});

test('docs/status.schema.json matches the zod schema (run `npm run schema` after changing it)', async t => {
	const text = await readFile(new URL('../../../docs/status.schema.json', import.meta.url), 'utf8');
	t.deepEqual(JSON.parse(text), statusJsonSchema());
});
