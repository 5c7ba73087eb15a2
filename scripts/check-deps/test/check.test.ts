import test from 'ava';
import {checkPackage} from '../src/check.js';
import {readWorkspace, type Workspace} from '../src/workspace.js';
import {fixture} from './fixture.js';

/** A workspace of packages under packages/ (and e2e/), with ava as the root's toolchain. */
function workspace(files: Record<string, string | object>): Workspace {
	const workspaces = ['packages/*', ...('e2e/package.json' in files ? ['e2e'] : [])];
	return readWorkspace(fixture({'package.json': {workspaces, devDependencies: {ava: '*'}}, ...files}));
}

async function problems(space: Workspace, name: string): Promise<string[]> {
	const pkg = space.packages.find(candidate => candidate.name === name);
	if (pkg === undefined) {
		throw new Error(`no package ${name}`);
	}
	return checkPackage(pkg, space);
}

const lib = {
	'packages/lib/package.json': {name: 'lib'},
	'packages/lib/src/index.ts': 'export const one = 1;\n',
	'packages/lib/tsconfig.json': {},
};

test('a package that declares and references exactly what it imports passes', async t => {
	const space = workspace({
		...lib,
		'packages/app/package.json': {name: 'app', dependencies: {lib: '*', zod: '*'}, devDependencies: {'fast-check': '*', 'types-only-dev': '*'}},
		'packages/app/src/index.ts':
			"import {one} from 'lib';\nimport {z} from 'zod';\nimport type {X} from 'types-only-dev';\nexport const v: X = z.literal(one);\n",
		'packages/app/test/a.test.ts':
			"import test from 'ava';\nimport fc from 'fast-check';\nimport {one} from 'lib';\nimport {v} from 'app';\ntest('x', t => t.truthy(fc && one && v));\n",
		'packages/app/tsconfig.json': {references: [{path: '../lib'}]},
		'packages/app/tsconfig.test.json': {references: [{path: '../lib/tsconfig.json'}]},
	});
	t.deepEqual(await problems(space, 'app'), []);
});

test('undeclared imports are named with the files that import them; types alone may be devDependencies', async t => {
	const space = workspace({
		'packages/app/package.json': {name: 'app', devDependencies: {zod: '*'}},
		'packages/app/src/a.ts': "import {z} from 'zod';\nexport const a = z;\n",
		'packages/app/src/b.ts': "import {z} from 'zod/mini';\nimport type {T} from 'types';\nexport const b: T = z;\n",
		'packages/app/test/c.test.ts': "import {execa} from 'execa';\nexport const c = execa;\n",
	});
	t.deepEqual(await problems(space, 'app'), [
		'execa is imported (test/c.test.ts) but not in dependencies or devDependencies',
		'types is imported (src/b.ts) but not in dependencies or devDependencies',
		'zod is imported (src/a.ts, src/b.ts) but not in dependencies',
	]);
});

test('unused declarations are found, and a dependency only tests import belongs in devDependencies', async t => {
	const space = workspace({
		...lib,
		'packages/app/package.json': {name: 'app', dependencies: {lib: '*', unused: '*'}, devDependencies: {'unused-dev': '*'}},
		'packages/app/src/index.ts': 'export const nothing = 0;\n',
		'packages/app/test/a.test.ts': "import {one} from 'lib';\nexport const a = one;\n",
	});
	t.deepEqual(await problems(space, 'app'), [
		'dependency lib is imported only outside src/: make it a devDependency',
		'dependency unused is not imported',
		'devDependency unused-dev is not imported',
	]);
});

test('tsconfig references must match the workspace packages imported, production ones for tsconfig.json', async t => {
	const space = workspace({
		...lib,
		'packages/other/package.json': {name: 'other'},
		'packages/app/package.json': {name: 'app', dependencies: {lib: '*'}, devDependencies: {other: '*'}},
		'packages/app/src/index.ts': "export {one} from 'lib';\n",
		'packages/app/test/a.test.ts': "export {} from 'other';\n",
		'packages/app/tsconfig.json': {references: [{path: '../other'}]},
		'packages/app/tsconfig.test.json': {references: [{path: '../lib'}]},
	});
	t.deepEqual(await problems(space, 'app'), [
		'tsconfig.json has no reference to ../lib (lib)',
		'tsconfig.json references ../other, which it does not import',
		'tsconfig.test.json has no reference to ../other (other)',
	]);
});

test('a package without src/ may keep what its tests use in dependencies, and a command it runs need not be imported', async t => {
	const space = workspace({
		...lib,
		'packages/tool/package.json': {name: 'tool', bin: {tool: 'bin/tool.js'}},
		'packages/tool/bin/tool.js': '',
		'e2e/package.json': {name: 'e2e', dependencies: {lib: '*', tool: '*'}},
		'e2e/test/a.test.ts': "import test from 'ava';\nimport {one} from 'lib';\ntest('x', t => t.is(one, 1));\n",
		'e2e/tsconfig.test.json': {references: [{path: '../packages/lib'}]},
	});
	t.deepEqual(await problems(space, 'e2e'), []);
});
