import test from 'ava';
import fc from 'fast-check';
import {NOTIFY_LINE_MAX, NotifyPortReader, applyNotifyLines, parseNotifyLines} from '../src/index.js';

function read(chunks: readonly Buffer[]): NotifyPortReader {
	const reader = new NotifyPortReader();
	for (const chunk of chunks) {
		reader.push(chunk);
	}

	reader.end();
	return reader;
}

test('lines split across chunks are read whole; the last EXIT_STATUS wins', t => {
	const reader = read([Buffer.from('READY=1\nSTA'), Buffer.from('TUS=up\r\nEXIT_STATUS=3\nEXIT_'), Buffer.from('STATUS=42')]);
	t.deepEqual(reader.notification, {ready: true, status: 'up', exitStatus: 42});
});

test('a line longer than the limit is skipped to its end, and the next line still counts', t => {
	const flood = Buffer.alloc(10 * NOTIFY_LINE_MAX, 'x');
	const reader = read([Buffer.from('EXIT_STATUS=7\nEXIT_STATUS=9'), flood, flood, Buffer.from('\nREADY=1\n')]);
	t.deepEqual(reader.notification, {ready: true, exitStatus: 7});
	t.is(reader.skippedLines, 1);
});

test('what the reader keeps stays bounded however much the guest writes', t => {
	const reader = new NotifyPortReader();
	const chunk = Buffer.alloc(1024 * 1024, 'y');
	const before = process.memoryUsage().arrayBuffers;
	for (let index = 0; index < 256; index++) {
		reader.push(chunk);
	}

	reader.push(Buffer.from('\nEXIT_STATUS=5\n'));
	reader.end();
	t.deepEqual(reader.notification, {ready: false, exitStatus: 5});
	// 256 MiB went through; far less than one chunk more was kept.
	t.true(process.memoryUsage().arrayBuffers - before < 4 * 1024 * 1024);
});

// Guest-written bytes, sliced anywhere: the same state as reading the text whole, when no line
// is over the limit, and never a hang or a throw.
const notifyText = fc
	.array(
		fc.oneof(
			fc.constantFrom('READY=1', 'READY=0', 'STATUS=', 'EXIT_STATUS=', 'EXIT_STATUS=255', 'EXIT_STATUS=256', '=', '\n', '\r', '\r\n'),
			fc.string({maxLength: 40}),
			fc.nat(300).map(n => `EXIT_STATUS=${n}`),
		),
		{maxLength: 40},
	)
	.map(parts => parts.join(''));

test('any text in any slicing reads as the whole text does (10,000 cases, none near a second)', t => {
	let slowest = 0;
	fc.assert(
		fc.property(notifyText, fc.array(fc.nat(64), {maxLength: 20}), (text, cuts) => {
			const started = performance.now();
			const bytes = Buffer.from(text);
			const chunks: Buffer[] = [];
			let at = 0;
			for (const cut of cuts) {
				chunks.push(bytes.subarray(at, Math.min(bytes.length, at + cut)));
				at = Math.min(bytes.length, at + cut);
			}

			chunks.push(bytes.subarray(at));
			const streamed = read(chunks).notification;
			slowest = Math.max(slowest, performance.now() - started);
			t.deepEqual(streamed, applyNotifyLines({ready: false}, parseNotifyLines(text)));
		}),
		{numRuns: 10_000},
	);
	t.true(slowest < 1000, `slowest case took ${slowest.toFixed(1)} ms`);
});

test('random bytes with over-long lines never throw and keep no more than a line (10,000 cases)', t => {
	fc.assert(
		fc.property(
			fc.array(
				fc.oneof(
					fc.uint8Array({maxLength: 64}),
					fc.nat(3 * NOTIFY_LINE_MAX).map(size => new Uint8Array(size).fill(0x41)),
				),
				{maxLength: 8},
			),
			chunks => {
				const reader = read(chunks.map(chunk => Buffer.from(chunk)));
				t.true(typeof reader.notification.ready === 'boolean');
			},
		),
		{numRuns: 10_000},
	);
});
