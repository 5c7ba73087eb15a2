import test from 'ava';
import type {HelperProcess} from '@vmspawn/plan';
import type {StartedHelper} from '../src/helpers.js';
import {watchUntilEnd} from '../src/run-watch.js';
import type {ChildEnd, RunningChild} from '../src/spawn-child.js';

// Children as promises the test settles, in the order it chooses: the race is played out step by step.
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
// Settles after every timer the watch set before it: a grace of 1 ms has run out by then.
const afterGrace = async () => new Promise(resolve => {
	setTimeout(resolve, 20);
});

test('a helper ending cleanly after qemu reported it is going down leaves the outcome to qemu, however late', async t => {
	const qemu = settleable<ChildEnd>();
	const virtiofsd = settleable<ChildEnd>();
	const stopping = settleable<void>();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], stopping.promise, 1);
	stopping.settle();
	virtiofsd.settle(clean);
	await afterGrace();
	qemu.settle(clean);
	t.deepEqual(await watch, {by: 'qemu', ...clean});
});

test('qemu\'s word that it is going down may come just after the helper ended', async t => {
	const qemu = settleable<ChildEnd>();
	const virtiofsd = settleable<ChildEnd>();
	const stopping = settleable<void>();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], stopping.promise, 50);
	virtiofsd.settle(clean);
	await Promise.resolve();
	stopping.settle();
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	qemu.settle(clean);
	t.deepEqual(await watch, {by: 'qemu', ...clean});
});

test('a helper ending cleanly while qemu runs on and says nothing is the outcome once the grace is over', async t => {
	const qemu = settleable<ChildEnd>();
	const virtiofsd = settleable<ChildEnd>();
	const watch = watchUntilEnd(child(qemu.promise), [helper(virtiofsd.promise)], settleable<void>().promise, 1);
	virtiofsd.settle(clean);
	await afterGrace();
	qemu.settle(clean);
	t.deepEqual(await watch, {by: 'helper', helper: 'virtiofsd', ...clean});
});

test('a helper that failed is the outcome even when qemu is going down', async t => {
	const virtiofsd = settleable<ChildEnd>();
	const stopping = settleable<void>();
	stopping.settle();
	const watch = watchUntilEnd(child(settleable<ChildEnd>().promise), [helper(virtiofsd.promise)], stopping.promise, 1);
	virtiofsd.settle({code: 1, signal: null});
	t.deepEqual(await watch, {by: 'helper', helper: 'virtiofsd', code: 1, signal: null});
});
