import {once} from 'node:events';
import {PassThrough} from 'node:stream';
import test from 'ava';
import {ESCAPE_BYTE, bannerLines, forwardConsoleInput, tintSequence, untintSequence} from '../src/index.js';

test('input reaches the guest until the escape, which calls back instead', async t => {
	const input = new PassThrough();
	const target = new PassThrough();
	const received: Buffer[] = [];
	target.on('data', (chunk: Buffer) => received.push(chunk));
	let escaped = 0;
	const forwarder = forwardConsoleInput(
		input,
		target,
		() => escaped++,
		() => 0,
	);
	input.write('ls\r');
	input.write(Buffer.from([ESCAPE_BYTE, ESCAPE_BYTE, ESCAPE_BYTE]));
	await new Promise(resolve => setImmediate(resolve));
	t.is(Buffer.concat(received).toString(), 'ls\r');
	t.is(escaped, 1);
	forwarder.stop();
	forwarder.stop();
});

test("the end of input ends the guest's input", async t => {
	const input = new PassThrough();
	const target = new PassThrough();
	let received = '';
	target.on('data', (chunk: Buffer) => {
		received += String(chunk);
	});
	const ended = once(target, 'end');
	forwardConsoleInput(input, target, () => undefined);
	input.end('bye');
	await ended;
	t.is(received, 'bye');
});

test('the tint sets and resets the background only when one is given', t => {
	t.is(tintSequence({background: '48;2;0;32;0'}), '\u001B[48;2;0;32;0m\u001B[K');
	t.is(untintSequence({background: '48;2;0;32;0'}), '\u001B[49m\u001B[K');
	t.is(tintSequence({background: ''}), '');
	t.is(untintSequence({}), '');
});

test('the banner names the VM and, for an interactive terminal, the escape', t => {
	t.deepEqual(bannerLines('vm1', '/srv/vm1.raw', 'interactive', true), ['Spawning VM vm1 on /srv/vm1.raw.', 'Press Ctrl-] three times within 1s to kill VM.']);
	t.deepEqual(bannerLines('vm1', '/k', 'read-only', false), ['Spawning VM vm1 on /k.']);
	t.deepEqual(bannerLines('vm1', '/k', 'native', false), ['Spawning VM vm1 on /k.', 'Press Ctrl-a x to kill VM.']);
	t.deepEqual(bannerLines('vm1', '/k', 'gui', false), []);
});
