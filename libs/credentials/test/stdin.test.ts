import {Readable} from 'node:stream';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {type CredentialOption, collectCredentials, readsStdin, stdinReader} from '../src/index.js';

const set = (value: string): CredentialOption => ({option: 'set-credential', value});

test('--set-credential=ID:- takes the value from the stdin reader, byte for byte', async t => {
	let calls = 0;
	const readStdin = async () => {
		calls++;
		return Buffer.from('from stdin\n\0');
	};

	const store = await collectCredentials([set('a:1'), set('pw:-'), set('b:2')], {readStdin});
	t.deepEqual(store.value('pw'), Buffer.from('from stdin\n\0'));
	t.deepEqual(store.ids, ['a', 'pw', 'b']);
	t.is(calls, 1);
});

test('standard input can be read for one credential only', async t => {
	const readStdin = async () => Buffer.from('x');
	const error = await t.throwsAsync(collectCredentials([set('a:-'), set('b:-')], {readStdin}), {instanceOf: CliError});
	t.is(error?.message, "--set-credential=b:- cannot read standard input: it was already read for credential 'a'");
	t.is(error?.exitCode, errno.EINVAL);
});

test('without a stdin reader the stdin form is refused', async t => {
	const error = await t.throwsAsync(collectCredentials([set('a:-')]), {instanceOf: CliError});
	t.is(error?.message, '--set-credential=a:- cannot read standard input here');
});

test('an escaped dash is a literal dash, not stdin', async t => {
	const store = await collectCredentials([set(String.raw`a:\x2d`), set('b:--')]);
	t.is(store.value('a')?.toString(), '-');
	t.is(store.value('b')?.toString(), '--');
});

test('readsStdin tells the caller before anything is read', t => {
	t.true(readsStdin([set('a:1'), set('pw:-')]));
	t.false(readsStdin([set('a:-1'), set(String.raw`b:\x2d`), {option: 'load-credential', value: 'c:-'}]));
});

test('stdinReader reads a whole stream', async t => {
	const read = stdinReader(Readable.from([Buffer.from('one '), Buffer.from([0, 1]), 'two']));
	t.deepEqual(await read(), Buffer.concat([Buffer.from('one '), Buffer.from([0, 1]), Buffer.from('two')]));
});

test('stdinReader refuses a terminal', async t => {
	const terminal = Object.assign(Readable.from([]), {isTTY: true});
	const error = await t.throwsAsync(stdinReader(terminal)(), {instanceOf: CliError});
	t.regex(error?.message ?? '', /standard input, which is a terminal/);
});
