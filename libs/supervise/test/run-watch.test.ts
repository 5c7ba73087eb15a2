import test from 'ava';
import type {HelperProcess} from '@vmspawn/plan';
import type {StartedHelper} from '../src/helpers.js';
import {type Grace, watchUntilEnd} from '../src/run-watch.js';
import type {ChildEnd, RunningChild} from '../src/spawn-child.js';

// Children, qemu's word and the grace are promises the test settles in the order it chooses:
// the race between a helper's exit and qemu's is played out step by step, without timers.
function settleable<T>(): {promise: Promise<T>; settle(value: T): void} {
	let settle: (value: T) => void = () => undefined;
	const promise = new Promise<T>(resolve => {
		settle = resolve;
	});
	return {promise, settle};
}

const child = (exited: Promise<ChildEnd>) => ({child: {}, exited}) as unknown as RunningChild;
const spec: HelperProcess = {name: 'virtiofsd', argv: ['virtiofsd']};
const helper = (exited: Promise<ChildEnd>): StartedHelper => ({...child(exited), spec});
const clean: ChildEnd = {code: 0, signal: null};
// Lets every promise reaction queued so far run.
const settled = async () =>
	new Promise(resolve => {
		setImmediate(resolve);
	});

/** A grace the test ends by hand. */
function handGrace(): {grace: Grace; end(): void} {
	const over = settleable<undefined>();
	return {grace: async promise => Promise.race([promise, over.promise]), end: () => over.settle(undefined)};
}

function race() {
	return {qemu: settleable<ChildEnd>(), virtiofsd: settleable<ChildEnd>(), stopping: settleable<void>(), ...handGrace()};
}

test('a helper ending cleanly after qemu reported it is going down leaves the outcome to qemu, however late', async t => {
	const {qemu, virtiofsd, stopping, grace, end} = race();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], stopping.promise, grace);
	stopping.settle();
	virtiofsd.settle(clean);
	await settled();
	end();
	await settled();
	qemu.settle(clean);
	t.deepEqual(await watch, {by: 'qemu', ...clean});
});

test("qemu's word that it is going down may come after the helper ended, within the grace", async t => {
	const {qemu, virtiofsd, stopping, grace, end} = race();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], stopping.promise, grace);
	virtiofsd.settle(clean);
	await settled();
	stopping.settle();
	await settled();
	end();
	await settled();
	qemu.settle(clean);
	t.deepEqual(await watch, {by: 'qemu', ...clean});
});

test('a helper ending cleanly while qemu runs on and says nothing is the outcome once the grace is over', async t => {
	const {qemu, virtiofsd, stopping, grace, end} = race();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], stopping.promise, grace);
	virtiofsd.settle(clean);
	await settled();
	end();
	await settled();
	qemu.settle(clean);
	t.deepEqual(await watch, {by: 'helper', helper: 'virtiofsd', ...clean});
});

test('without QMP (no word can come), qemu exiting within the grace is the outcome', async t => {
	const {qemu, virtiofsd, grace} = race();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], undefined, grace);
	virtiofsd.settle(clean);
	await settled();
	qemu.settle(clean);
	t.deepEqual(await watch, {by: 'qemu', ...clean});
});

test('a helper that failed is the outcome even when qemu is going down', async t => {
	const {qemu, virtiofsd, stopping, grace} = race();
	stopping.settle();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], stopping.promise, grace);
	virtiofsd.settle({code: 1, signal: null});
	t.deepEqual(await watch, {by: 'helper', helper: 'virtiofsd', code: 1, signal: null});
});
