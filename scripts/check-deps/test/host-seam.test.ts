// The one Host seam (docs/architecture.md): only libs/host asks the machine to run a program, and
// libs/supervise starts the run itself (qemu and its helpers). A child_process anywhere else in
// the tools' sources would be a probe no fake host can answer, which vmspawn-run's unit tests
// (run without qemu or swtpm installed) would then need.
import {join, resolve} from 'node:path';
import test from 'ava';
import {importsOf} from '../src/imports.js';
import {readWorkspace} from '../src/workspace.js';

const workspace = readWorkspace(resolve(import.meta.dirname, '../../..'));
const allowed = new Set(['@vmspawn/host', '@vmspawn/supervise', '@vmspawn/testing']);
const processModules = new Set(['node:child_process', 'child_process']);

for (const pkg of workspace.packages.filter(pkg => /\/(libs|tools)\//.test(`${pkg.dir}/`) && !allowed.has(pkg.name))) {
	test(`${pkg.name} runs no program but through the Host`, async t => {
		const sources = pkg.files.filter(file => file.startsWith('src/')).map(file => join(pkg.dir, file));
		const imports = await importsOf(sources);
		t.deepEqual(
			imports.filter(found => processModules.has(found.specifier)).map(found => found.file),
			[],
		);
	});
}
