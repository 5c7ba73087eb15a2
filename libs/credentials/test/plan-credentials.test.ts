import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {PlanError, validatePlan, withSection} from '@vmspawn/plan';
import {CredentialStore, planCredentials} from '../src/index.js';

function storeOf(entries: Record<string, string>): CredentialStore {
	const store = new CredentialStore();
	for (const [id, value] of Object.entries(entries)) {
		store.add(id, Buffer.from(value));
	}

	return store;
}

test('the section lists ids, sizes, delivery and files in the runtime directory, in order', t => {
	const section = planCredentials(storeOf({b: 'twelve bytes', a: ''}), {runtimeDir: '/run/vmspawn/vm-1', arch: 'x86_64'});
	t.deepEqual(section, {
		dir: '/run/vmspawn/vm-1/credentials',
		entries: [
			{id: 'b', size: 12, delivery: 'smbios', file: '/run/vmspawn/vm-1/credentials/b'},
			{id: 'a', size: 0, delivery: 'smbios', file: '/run/vmspawn/vm-1/credentials/a'},
		],
	});
	t.notThrows(() => validatePlan(JSON.parse(JSON.stringify({version: '1.0', credentials: section}))));
});

test('architectures without smbios get fw_cfg', t => {
	const section = planCredentials(storeOf({a: 'x'}), {runtimeDir: '/run/v', arch: 'riscv64'});
	t.is(section.entries[0]?.delivery, 'fw_cfg');
});

test('an id too long for fw_cfg fails when the plan is made', t => {
	const id = 'firstboot.keymap.really-long-name';
	t.notThrows(() => planCredentials(storeOf({[id]: 'x'}), {runtimeDir: '/run/v', arch: 'x86_64'}));
	const error = t.throws(() => planCredentials(storeOf({[id]: 'x'}), {runtimeDir: '/run/v', arch: 'riscv64'}), {instanceOf: CliError});
	t.regex(error?.message ?? '', new RegExp(`^Credential name '${id}' is too long for fw_cfg`));
});

test('no credentials, an empty section', t => {
	t.deepEqual(planCredentials(new CredentialStore(), {runtimeDir: '/run/v', arch: 'x86_64'}), {dir: '/run/v/credentials', entries: []});
});

test('the plan schema refuses a long fw_cfg id, duplicates and files outside the directory', t => {
	const entry = {id: 'a', size: 1, delivery: 'smbios', file: '/run/v/credentials/a'};
	const bad = (credentials: unknown) => t.throws(() => validatePlan({version: '1.0', credentials}), {instanceOf: PlanError})?.problems;
	t.deepEqual(bad({dir: '/run/v/credentials', entries: [{...entry, id: 'x'.repeat(29), delivery: 'fw_cfg'}]}), [
		'plan.credentials.entries[0].id: a credential delivered through fw_cfg needs a name of at most 28 characters',
	]);
	t.deepEqual(bad({dir: '/run/v/credentials', entries: [entry, entry]}), ["plan.credentials.entries[1].id: duplicate credential 'a'"]);
	t.deepEqual(bad({dir: '/run/v/credentials', entries: [{...entry, file: '/etc/passwd'}]}), [
		'plan.credentials.entries[0].file: expected a file directly inside the credentials dir',
	]);
	t.deepEqual(bad({dir: '/run/v/credentials', entries: [{...entry, file: '/run/v/credentials/sub/a'}]}), [
		'plan.credentials.entries[0].file: expected a file directly inside the credentials dir',
	]);
	t.is(bad({dir: '/run/v/credentials', entries: [{...entry, id: 'a:b'}]})?.length, 1);
	t.is(bad({dir: '/run/v/credentials', entries: [{...entry, delivery: 'value'}]})?.length, 1);
	t.is(bad({dir: 'relative', entries: []})?.length, 1);
});

test('the section passes through withSection and keeps unknown keys', t => {
	const plan = withSection({version: '1.0'}, 'credentials', {dir: '/run/v/credentials', entries: [], note: 'kept'} as never);
	t.is((plan.credentials as Record<string, unknown> | undefined)?.['note'], 'kept');
});
