import test from 'ava';
import {UnescapeError, cunescape} from '../src/index.js';

const bytes = (text: string) => [...cunescape(text, {acceptNul: true})];

test('plain text passes through as utf-8 bytes', t => {
	t.deepEqual(cunescape('héllo: world', {acceptNul: true}), Buffer.from('héllo: world'));
});

test('single-letter escapes are those of systemd', t => {
	t.deepEqual(bytes(String.raw`\a\b\f\n\r\t\v\\\"\'\s`), [7, 8, 12, 10, 13, 9, 11, 92, 34, 39, 32]);
});

test('\\x takes two hex digits of either case and gives a raw byte', t => {
	t.deepEqual(bytes(String.raw`\x41\xfF\x7e`), [0x41, 0xff, 0x7e]);
});

test('\\x00 gives a nul byte when nul is accepted', t => {
	t.deepEqual(bytes(String.raw`a\x00b`), [0x61, 0, 0x62]);
	t.deepEqual(bytes(String.raw`\000\u0000`), [0, 0]);
});

test('nul is refused unless accepted', t => {
	for (const text of [String.raw`\x00`, String.raw`\000`, String.raw`\u0000`, String.raw`\U00000000`]) {
		t.throws(() => cunescape(text), {instanceOf: UnescapeError}, text);
	}
});

test('octal takes exactly three digits up to \\377', t => {
	t.deepEqual(bytes(String.raw`\101\377\0123`), [0x41, 0xff, 0o12, 0x33]);
	t.throws(() => cunescape(String.raw`\400`), {instanceOf: UnescapeError});
	t.throws(() => cunescape(String.raw`\12`), {instanceOf: UnescapeError});
	t.throws(() => cunescape(String.raw`\18x`), {instanceOf: UnescapeError});
});

test('\\u and \\U become utf-8', t => {
	t.deepEqual(cunescape(String.raw`\u00e9\u20AC\U0001F600`), Buffer.from('é€😀'));
});

test('\\u does not check the code point but \\U does, as upstream', t => {
	t.deepEqual(bytes(String.raw`\ud800`), [0xed, 0xa0, 0x80]);
	for (const text of [String.raw`\U0000d800`, String.raw`\U00110000`, String.raw`\U0000fffe`, String.raw`\U0000fdd0`]) {
		t.throws(() => cunescape(text), {instanceOf: UnescapeError}, text);
	}
});

test('bad escapes, short digits and a trailing backslash are errors with the offset', t => {
	const unknown = t.throws(() => cunescape(String.raw`abc\q`), {instanceOf: UnescapeError});
	t.is(unknown?.offset, 3);
	t.is(unknown?.message, 'an unknown escape sequence');
	t.throws(() => cunescape(String.raw`\x4`), {instanceOf: UnescapeError});
	t.throws(() => cunescape(String.raw`\xg0`), {instanceOf: UnescapeError});
	t.throws(() => cunescape(String.raw`\u12`), {instanceOf: UnescapeError});
	t.throws(() => cunescape(String.raw`\8`), {instanceOf: UnescapeError});
	const trailing = t.throws(() => cunescape('ab\\'), {instanceOf: UnescapeError});
	t.is(trailing?.offset, 2);
});

test('the empty string is an empty value', t => {
	t.is(cunescape('').length, 0);
});
