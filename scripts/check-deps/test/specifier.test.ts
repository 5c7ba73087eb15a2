import test from 'ava';
import {packageOf} from '../src/specifier.js';

test('a bare specifier names its package, scoped or not, with or without a subpath', t => {
	t.is(packageOf('zod'), 'zod');
	t.is(packageOf('zod/v4'), 'zod');
	t.is(packageOf('@vmspawn/plan'), '@vmspawn/plan');
	t.is(packageOf('@scope/name/deep/path.js'), '@scope/name');
});

test('relative paths, builtins and subpath imports name no package', t => {
	for (const specifier of ['./a.js', '../b.js', '/abs.js', 'node:fs', 'fs', 'fs/promises', 'net', '#internal', 'data:text/javascript,']) {
		t.is(packageOf(specifier), undefined, specifier);
	}
});
