import test from 'ava';
import {PlanError} from '@vmspawn/plan';
import {CliError, describeFailure} from '../src/index.js';

test('a CLI error keeps its message and status', t => {
	t.deepEqual(describeFailure(new CliError('no such firmware', {exitCode: 2})), {message: 'no such firmware', exitCode: 2});
});

test('plan errors exit with EINVAL and list every problem on one line', t => {
	t.deepEqual(describeFailure(new PlanError(['plan.a: x', 'plan.b: y'])), {message: 'plan.a: x (and 1 more: plan.b: y)', exitCode: 22});
});

test('a system error exits with its errno', t => {
	const error = Object.assign(new Error('ENOENT: no such file'), {code: 'ENOENT'});
	t.is(describeFailure(error).exitCode, 2);
});

test('anything else exits 1', t => {
	t.is(describeFailure(new Error('boom')).exitCode, 1);
});
