import test from 'ava';
import {CleanupStack} from '../src/cleanup-stack.js';

test('steps run newest first, waiting for each', async t => {
	const stack = new CleanupStack();
	const order: string[] = [];
	stack.defer(() => order.push('runtime directory'));
	stack.defer(async () => {
		await new Promise(resolve => setTimeout(resolve, 20));
		order.push('children');
	});
	stack.defer(() => order.push('status'));
	await stack.unwind();
	t.deepEqual(order, ['status', 'children', 'runtime directory']);
});

test('a failing step does not keep the older ones from running; the first failure is thrown after all', async t => {
	const stack = new CleanupStack();
	const order: string[] = [];
	stack.defer(() => order.push('oldest'));
	stack.defer(() => {
		throw new Error('second failure');
	});
	stack.defer(async () => {
		throw new Error('first failure');
	});
	await t.throwsAsync(stack.unwind(), {message: 'first failure'});
	t.deepEqual(order, ['oldest']);
});

test('each step runs once: a second unwind has nothing left to do', async t => {
	const stack = new CleanupStack();
	let runs = 0;
	stack.defer(() => runs++);
	await stack.unwind();
	await stack.unwind();
	t.is(runs, 1);
});
