// The check itself, on this repository: one test a package, failing with its mismatches.
import {resolve} from 'node:path';
import test from 'ava';
import {checkPackage} from '../src/check.js';
import {readWorkspace} from '../src/workspace.js';

const workspace = readWorkspace(resolve(import.meta.dirname, '../../..'));

for (const pkg of workspace.packages) {
	test(`${pkg.name} declares and references exactly what it imports`, async t => {
		t.deepEqual(await checkPackage(pkg, workspace), []);
	});
}
