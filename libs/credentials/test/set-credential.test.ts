import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {type CredentialOption, collectCredentials} from '../src/index.js';

const set = (value: string): CredentialOption => ({option: 'set-credential', value});

async function refused(t: import('ava').ExecutionContext, options: CredentialOption[], message: string, exitCode: number = errno.EINVAL) {
	const error = await t.throwsAsync(collectCredentials(options, {env: {}}), {instanceOf: CliError});
	t.is(error?.message, message);
	t.is(error?.exitCode, exitCode);
}

test('--set-credential=ID:VALUE stores the unescaped value', async t => {
	const store = await collectCredentials([set(String.raw`greeting:hello\nworld\x00!`)]);
	t.deepEqual(store.value('greeting'), Buffer.from('hello\nworld\0!'));
});

test('the value may contain colons; only the first one ends the id', async t => {
	const store = await collectCredentials([set('url:http://example.com:8080/x')]);
	t.is(store.value('url')?.toString(), 'http://example.com:8080/x');
});

test('an empty value is an empty credential', async t => {
	const store = await collectCredentials([set('empty:')]);
	t.is(store.value('empty')?.length, 0);
});

test('credentials keep command-line order', async t => {
	const store = await collectCredentials([set('b:2'), set('a:1'), set('c:3')]);
	t.deepEqual(store.ids, ['b', 'a', 'c']);
});

test('a missing colon or an empty argument is a missing value', async t => {
	await refused(t, [set('justanid')], 'Missing value for --set-credential=: justanid');
	await refused(t, [set('')], 'Missing value for --set-credential=: ');
});

test('an escaped colon belongs to the id, as extract_first_word() reads it', async t => {
	await refused(t, [set(String.raw`a\:b`)], String.raw`Missing value for --set-credential=: a\:b`);
	await refused(t, [set(String.raw`a\:b:v`)], 'Credential name is not valid: a:b');
	const store = await collectCredentials([set(String.raw`a\bc:v`)]);
	t.deepEqual(store.ids, ['abc']);
});

test('a trailing backslash in the id cannot be parsed', async t => {
	await refused(t, [set('abc\\')], 'Failed to parse --set-credential= parameter: Invalid argument');
});

test('invalid credential names are refused', async t => {
	await refused(t, [set(':value')], 'Credential name is not valid: ');
	await refused(t, [set('.:v')], 'Credential name is not valid: .');
	await refused(t, [set('..:v')], 'Credential name is not valid: ..');
	await refused(t, [set('a/b:v')], 'Credential name is not valid: a/b');
	await refused(t, [set('tab\there:v')], 'Credential name is not valid: tab\there');
	await refused(t, [set('é:v')], 'Credential name is not valid: é');
	await refused(t, [set(`${'x'.repeat(256)}:v`)], `Credential name is not valid: ${'x'.repeat(256)}`);
	const store = await collectCredentials([set(`${'x'.repeat(255)}:v`), set('with space~!:v')]);
	t.is(store.size, 2);
});

test('a duplicate id is refused with EEXIST', async t => {
	await refused(t, [set('a:1'), set('a:2')], "Duplicate credential 'a', refusing.", errno.EEXIST);
});

test('a bad escape names the credential but never shows the value', async t => {
	const error = await t.throwsAsync(collectCredentials([set(String.raw`pw:s3cr3t-hunter2\q`)]), {instanceOf: CliError});
	t.is(error?.message, "Failed to unescape credential data of 'pw': an unknown escape sequence at byte 14 of the value");
	t.false(error?.message.includes('hunter2'));
});
