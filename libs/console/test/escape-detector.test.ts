import test from 'ava';
import {ESCAPE_BYTE, EscapeDetector} from '../src/index.js';

const ctrlBracket = Uint8Array.of(ESCAPE_BYTE);

test('three Ctrl-] within a second trigger the escape', t => {
	const detector = new EscapeDetector();
	t.false(detector.feed(ctrlBracket, 0));
	t.false(detector.feed(ctrlBracket, 400));
	t.true(detector.feed(ctrlBracket, 900));
});

test('three Ctrl-] in one read trigger the escape', t => {
	t.true(new EscapeDetector().feed(Uint8Array.of(ESCAPE_BYTE, ESCAPE_BYTE, ESCAPE_BYTE), 0));
});

test('presses spread over more than a second do not', t => {
	const detector = new EscapeDetector();
	detector.feed(ctrlBracket, 0);
	detector.feed(ctrlBracket, 600);
	t.false(detector.feed(ctrlBracket, 1200));
	t.true(detector.feed(ctrlBracket, 1300), 'the last three are within a second');
});

test('another key in between resets the count', t => {
	const detector = new EscapeDetector();
	detector.feed(ctrlBracket, 0);
	detector.feed(ctrlBracket, 10);
	t.false(detector.feed(Uint8Array.of(0x61, ESCAPE_BYTE), 20));
});
