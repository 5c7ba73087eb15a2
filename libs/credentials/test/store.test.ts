import {inspect} from 'node:util';
import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {type CredentialOption, CredentialStore, collectCredentials, planCredentials} from '../src/index.js';

const secret = 'hunter2-VERY-DISTINCTIVE-s3cr3t';
const base64Secret = Buffer.from(secret).toString('base64');

test('nothing that holds the store serialises a value', async t => {
	const options: CredentialOption[] = [{option: 'set-credential', value: `pw:${secret}`}];
	const store = await collectCredentials(options);
	const plan = {version: '1.0', credentials: planCredentials(store, {runtimeDir: '/run/vmspawn/vm', arch: 'x86_64'}), store, nested: {deeper: [store]}};
	const texts = [
		JSON.stringify(plan),
		JSON.stringify(store),
		JSON.stringify({...store}),
		JSON.stringify(structuredClone({store})),
		inspect(plan, {depth: Infinity, showHidden: true}),
		inspect(store, {depth: Infinity, showHidden: true}),
		String(store),
	];
	for (const text of texts) {
		t.false(text.includes(secret), text);
		t.false(text.includes(base64Secret), text);
	}

	t.is(JSON.stringify(store), '{"ids":["pw"]}');
	t.is(store.value('pw')?.toString(), secret);
});

test('values are copied in and kept in insertion order', t => {
	const store = new CredentialStore();
	const value = Buffer.from('abc');
	store.add('z', value);
	store.add('a', Buffer.from('d'));
	value.fill(0);
	t.is(store.value('z')?.toString(), 'abc');
	t.deepEqual(store.ids, ['z', 'a']);
	t.is(store.size, 2);
	t.true(store.has('a'));
	t.false(store.has('b'));
});

test('adding checks the name and refuses duplicates', t => {
	const store = new CredentialStore();
	store.add('journal.forward_to_socket', Buffer.from('vsock:2:42'));
	const duplicate = t.throws(() => store.add('journal.forward_to_socket', Buffer.from('x')), {instanceOf: CliError});
	t.is(duplicate?.message, "Duplicate credential 'journal.forward_to_socket', refusing.");
	t.is(duplicate?.exitCode, errno.EEXIST);
	t.throws(() => store.add('a:b', Buffer.from('x')), {instanceOf: CliError, message: 'Credential name is not valid: a:b'});
});

test('wipe zeroes the values and forgets them', t => {
	const store = new CredentialStore();
	store.add('pw', Buffer.from('secret'));
	const held = store.value('pw')!;
	store.wipe();
	t.deepEqual([...held], [0, 0, 0, 0, 0, 0]);
	t.is(store.size, 0);
	t.is(store.value('pw'), undefined);
});
