import test from 'ava';
import {PlanError, emptyPlan, validatePlan, withSection} from '../src/index.js';

test('setting a section leaves every other section untouched', t => {
	const plan = validatePlan({version: '1.0', runtime: {dir: '/run/x'}, custom: {kept: [1, 2]}});
	const merged = withSection(plan, 'console', {mode: 'read-only'});
	t.is(merged.runtime, plan.runtime);
	t.is(merged['custom'], plan['custom']);
	t.deepEqual(merged.console, {mode: 'read-only'});
	t.is(plan.console, undefined, 'the input plan is not modified');
});

test('a section is validated when merged, with its path in the error', t => {
	const error = t.throws(() => withSection(emptyPlan(), 'runtime', {dir: 'nope'}), {instanceOf: PlanError});
	t.deepEqual(error?.problems, ['plan.runtime.dir: expected an absolute path']);
});

test('defaults of a section are filled when merged', t => {
	const merged = withSection(emptyPlan(), 'boot', {kernel: '/boot/vmlinuz'} as never);
	t.deepEqual(merged.boot, {kernel: '/boot/vmlinuz', initrds: [], extraArgs: []});
});
