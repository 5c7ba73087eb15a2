import {join} from 'node:path';
import test from 'ava';
import {importsOf, markTypeOnly} from '../src/imports.js';
import {fixture} from './fixture.js';

test('type-only imports and re-exports are marked; inline type specifiers are not', t => {
	t.is(markTypeOnly("import type {A,\n\tB} from 'a';"), "import {A,\n\tB} from 'a#check-deps-type-only';");
	t.is(markTypeOnly('import type * as X from "b";'), 'import * as X from "b#check-deps-type-only";');
	t.is(markTypeOnly("import type Default from 'c';"), "import Default from 'c#check-deps-type-only';");
	t.is(markTypeOnly("export type {A} from 'd';"), "export {A} from 'd#check-deps-type-only';");
	t.is(markTypeOnly("import {type A} from 'e';"), "import {type A} from 'e';");
});

test('every kind of import is found, and nothing in comments, strings or templates', async t => {
	const dir = fixture({
		'a.ts': [
			"import {x} from 'static';",
			"import type {T} from 'types-only';",
			"import {type U} from 'inline-type';",
			"import 'side-effect';",
			"export {y} from 'reexport';",
			"// import {z} from 'in-a-comment';",
			'const s = "import {z} from \'in-a-string\'";',
			"const u = `from '${x}' and import('in-a-template')`;",
			"export const later = () => import('dynamic');",
			'export const all: T | U = s + u;',
		].join('\n'),
		'b.cjs': "require('required');\n",
	});
	const found = await importsOf([join(dir, 'a.ts'), join(dir, 'b.cjs')]);
	t.deepEqual(found.map(({specifier, typeOnly}) => `${specifier}${typeOnly ? ' (types)' : ''}`).sort(), [
		'dynamic',
		'inline-type',
		'reexport',
		'required',
		'side-effect',
		'static',
		'types-only (types)',
	]);
});

test('no files, no imports', async t => {
	t.deepEqual(await importsOf([]), []);
});
