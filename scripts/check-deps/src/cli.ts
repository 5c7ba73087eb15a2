// Prints every package's mismatches; exits 1 if there are any. The tests run the same check.
import {resolve} from 'node:path';
import {checkPackage} from './check.js';
import {readWorkspace} from './workspace.js';

const workspace = readWorkspace(resolve(import.meta.dirname, '../../..'));
let failed = false;
for (const pkg of workspace.packages) {
	for (const problem of await checkPackage(pkg, workspace)) {
		console.log(`${pkg.name}: ${problem}`);
		failed = true;
	}
}
process.exitCode = failed ? 1 : 0;
