import test from 'ava';
import {PlanError, parsePlan, validatePlan} from '../src/index.js';

const machine = {name: 'demo', arch: 'x86_64', type: 'q35', cpus: '1', ramMiB: 2048, accelerator: 'tcg'};

function problemsOf(run: () => unknown): readonly string[] {
	try {
		run();
	} catch (error) {
		if (error instanceof PlanError) {
			return error.problems;
		}

		throw error;
	}

	throw new Error('expected a PlanError');
}

test('a minimal plan is accepted', t => {
	t.deepEqual(parsePlan('{"version":"1.0"}'), {version: '1.0'});
});

test('a plan of a newer major version is refused with a clear message', t => {
	t.deepEqual(
		problemsOf(() => parsePlan('{"version":"2.0","machine":{}}')),
		['plan.version: the plan is format 2.0, newer than this vmspawn understands (1.x); update vmspawn'],
	);
});

test('a plan of a newer minor version is read, its unknown fields kept', t => {
	const plan = parsePlan('{"version":"1.7","future":{"x":1}}');
	t.deepEqual(plan['future'], {x: 1});
});

test('a plan without a version is refused', t => {
	t.regex(problemsOf(() => validatePlan({}))[0]!, /^plan\.version: missing/);
});

test('invalid JSON names the problem', t => {
	t.regex(problemsOf(() => parsePlan('{"version":'))[0]!, /^plan: not valid JSON/);
});

test('a non-object document is refused', t => {
	t.deepEqual(
		problemsOf(() => parsePlan('[1]')),
		['plan: expected a JSON object, got an array'],
	);
});

test('errors name the JSON path and what is wrong', t => {
	const problems = problemsOf(() => validatePlan({version: '1.0', runtime: {dir: 'relative/dir'}, boot: {initrds: ['/ok', 'bad']}}));
	t.true(problems.includes('plan.runtime.dir: expected an absolute path'));
	t.true(problems.includes('plan.boot.initrds[1]: expected an absolute path'));
});

test('a missing required field is called missing', t => {
	const {name: _name, ...withoutName} = machine;
	t.deepEqual(
		problemsOf(() => validatePlan({version: '1.0', machine: withoutName})),
		['plan.machine.name: missing (expected string)'],
	);
});

test('unknown fields in a section survive a round trip', t => {
	const plan = validatePlan({version: '1.0', machine: {...machine, extra: true}});
	t.is((plan.machine as Record<string, unknown>)['extra'], true);
});

test('a value of the wrong type is named with what it is, not called missing', t => {
	t.deepEqual(
		problemsOf(() => validatePlan({version: '1.0', console: {mode: 42}})),
		['plan.console.mode: invalid option: expected one of "interactive"|"read-only"|"native"|"gui"|"headless"'],
	);
	t.deepEqual(
		problemsOf(() => validatePlan({version: '1.0', runtime: {dir: 7}})),
		['plan.runtime.dir: expected string, got 7'],
	);
});

test('machine.arch is one of the known architectures, never a path', t => {
	t.deepEqual(
		problemsOf(() => validatePlan({version: '1.0', machine: {...machine, arch: 'x/../../tmp/evil'}})),
		['plan.machine.arch: expected a known architecture: x86_64, i386, aarch64, arm, riscv64, loongarch64, s390x, ppc64'],
	);
	t.is(validatePlan({version: '1.0', machine: {...machine, arch: 'aarch64'}}).machine?.arch, 'aarch64');
});

test('a plan nested deeper than 64 levels is one plan error, not a stack overflow', t => {
	const deep = `{"version":"1.0","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
	t.deepEqual(
		problemsOf(() => parsePlan(deep)),
		['plan: nested deeper than 64 levels'],
	);
	const atLimit = `{"version":"1.0","x":${'['.repeat(63)}${']'.repeat(63)}}`;
	t.is(parsePlan(atLimit).version, '1.0');
});

test('brackets inside strings do not count as nesting', t => {
	const plan = parsePlan(JSON.stringify({version: '1.0', x: `"\\${'['.repeat(1000)}`}));
	t.is((plan['x'] as string).length, 1002);
});

test('a plan larger than 16 MiB is refused', t => {
	const large = JSON.stringify({version: '1.0', padding: 'x'.repeat(16 * 1024 * 1024)});
	t.deepEqual(
		problemsOf(() => parsePlan(large)),
		['plan: larger than 16 MiB'],
	);
});
