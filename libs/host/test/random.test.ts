import test from 'ava';
import {kernelRandomBytes} from '../src/index.js';

test('kernelRandomBytes gives as many bytes as asked, different each time', t => {
	const first = kernelRandomBytes(16);
	const second = kernelRandomBytes(16);
	t.is(first.length, 16);
	t.is(kernelRandomBytes(1000).length, 1000);
	t.false(first.equals(second));
});
