import test from 'ava';
import {fnmatch} from '../src/fnmatch.js';

for (const [pattern, name, expected] of [
	['*', '', true],
	['*', 'anything/at all', true],
	['old*', 'old', true],
	['old*', 'older-6.1', true],
	['old*', 'bold', false],
	['?', 'a', true],
	['?', '', false],
	['a?c', 'abc', true],
	['*-6.1.*', 'fedora-6.1.9', true],
	['[ab]x', 'bx', true],
	['[a-c]x', 'dx', false],
	['[!a-c]x', 'dx', true],
	['[^a-c]x', 'ax', false],
	['[]]', ']', true],
	['[!]]', 'a', true],
	['[a-]', '-', true],
	['[', '[', true],
	['a[', 'a[', true],
	['\\*', '*', true],
	['\\*', 'x', false],
	['[\\]]', ']', true],
	['*a*b', 'xxaxxb', true],
	['*a*b', 'xxaxxbx', false],
	['é?', 'éü', true],
] as const) {
	test(`fnmatch(${JSON.stringify(pattern)}, ${JSON.stringify(name)}) is ${expected}`, t => {
		t.is(fnmatch(pattern, name), expected);
	});
}

test('attack: a pattern that backtracks a RegExp exponentially matches in linear time', t => {
	const start = performance.now();
	t.false(fnmatch(`${'a*'.repeat(40)}c`, 'a'.repeat(255)));
	t.true(performance.now() - start < 500, `${performance.now() - start} ms`);
});
