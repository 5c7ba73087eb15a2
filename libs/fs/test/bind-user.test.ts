import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {FsSection} from '@vmspawn/plan';
import {type FsOptions, type UserDb, bindUserCredentials, parseBindUserOptions, planFs} from '../src/index.js';
import {fakeFsHost} from './helpers/fake-host.js';
import {scratchDir} from '@vmspawn/testing';

const runtimeDir = '/run/vmspawn/vm-0123abcd';
const none = {binds: [], extraDrives: [], discard: true} satisfies FsOptions;

function hostWith(users: ReadonlyArray<{name: string; uid: number; gid: number; home: string; group?: string}>) {
	const db: UserDb = {
		user: name => users.find(user => user.name === name) && {shell: '/bin/bash', ...users.find(user => user.name === name)!},
		group: gid => {
			const owner = users.find(user => user.gid === gid);
			return owner ? {name: owner.group ?? owner.name, gid} : undefined;
		},
	};
	return {...fakeFsHost('rust'), users: db};
}

test('the options: names checked and repeated ones dropped, the shell a boolean or a path, companions need --bind-user=', t => {
	t.deepEqual(parseBindUserOptions(['alice', 'bob', 'alice'], 'yes', ['wheel', 'wheel']), {users: ['alice', 'bob'], shell: {copy: true}, groups: ['wheel']});
	t.deepEqual(parseBindUserOptions(['alice'], '/bin/zsh', []).shell, {path: '/bin/zsh'});
	t.is(parseBindUserOptions(['alice'], 'no', []).shell, undefined);
	t.is(parseBindUserOptions([], undefined, []).users.length, 0);
	t.is(
		t.throws(() => parseBindUserOptions(['9lives'], undefined, []), {instanceOf: UsageError})?.message,
		'invalid --bind-user=9lives: expected a user or group name: a letter or _, then letters, digits, _ or -, at most 31',
	);
	t.is(t.throws(() => parseBindUserOptions(['alice'], 'zsh', []))?.message, 'invalid --bind-user-shell=zsh: expected a boolean or an absolute path');
	t.is(t.throws(() => parseBindUserOptions(['alice'], undefined, ['a:b']))?.message.split(':')[0], 'invalid --bind-user-group=a');
	t.is(t.throws(() => parseBindUserOptions([], '/bin/sh', []))?.message, '--bind-user-shell= needs --bind-user=');
	t.is(t.throws(() => parseBindUserOptions([], undefined, ['wheel']))?.message, '--bind-user-group= needs --bind-user=');
});

test("each user's home is shared after the binds at /run/vmhost/home/USER, its uid and gid mapped to the guest ids from 60514", t => {
	const scratch = scratchDir(t);
	const homes = ['alice', 'bob'].map(name => join(scratch, name));
	for (const home of homes) {
		mkdirSync(home);
	}

	const host = hostWith([
		{name: 'alice', uid: 1000, gid: 1001, home: homes[0]!},
		{name: 'bob', uid: 1002, gid: 1002, home: homes[1]!},
	]);
	const section = planFs(
		{
			...none,
			directory: scratch,
			binds: [{source: scratch, target: '/srv', readOnly: true, given: ''}],
			bindUsers: parseBindUserOptions(['alice', 'bob'], 'yes', ['wheel']),
		},
		{runtimeDir: () => runtimeDir, host},
	);
	t.deepEqual(
		section.shares.map(share => [share.tag, share.source, share.target, share.readOnly]),
		[
			['mnt0', scratch, '/srv', true],
			['mnt1', homes[0], '/run/vmhost/home/alice', false],
			['mnt2', homes[1], '/run/vmhost/home/bob', false],
		],
	);
	t.deepEqual(section.shares[1]!.helper.argv.slice(-4), ['--translate-uid', 'map:60514:1000:1', '--translate-gid', 'map:60514:1001:1']);
	t.deepEqual(section.shares[2]!.helper.argv.slice(-4), ['--translate-uid', 'map:60515:1002:1', '--translate-gid', 'map:60515:1002:1']);
	t.true(section.kernelArgs.includes('systemd.mount-extra="mnt1:/run/vmhost/home/alice:virtiofs:rw"'));
	t.deepEqual(section.bindUsers, [
		{
			userName: 'alice',
			groupName: 'alice',
			uid: 60_514,
			hostUid: 1000,
			hostGid: 1001,
			homeDirectory: '/run/vmhost/home/alice',
			shell: '/bin/bash',
			memberOf: ['wheel'],
			tag: 'mnt1',
		},
		{
			userName: 'bob',
			groupName: 'bob',
			uid: 60_515,
			hostUid: 1002,
			hostGid: 1002,
			homeDirectory: '/run/vmhost/home/bob',
			shell: '/bin/bash',
			memberOf: ['wheel'],
			tag: 'mnt2',
		},
	]);
	t.true(FsSection.safeParse(section).success);
});

test('users that cannot be mapped are refused as upstream refuses them, each in one line', t => {
	const scratch = scratchDir(t);
	const host = hostWith([
		{name: 'root', uid: 0, gid: 0, home: scratch},
		{name: 'nobody', uid: 65_534, gid: 65_534, home: scratch},
		{name: 'shared', uid: 1000, gid: 100, home: scratch, group: 'users'},
		{name: 'homeless', uid: 1001, gid: 1001, home: join(scratch, 'gone')},
	]);
	const plan = (name: string) =>
		planFs({...none, directory: scratch, bindUsers: parseBindUserOptions([name], undefined, [])}, {runtimeDir: () => runtimeDir, host});
	const refusal = (name: string) => {
		const error = t.throws(() => plan(name), {instanceOf: CliError});
		return [error?.message, error?.exitCode];
	};

	t.deepEqual(refusal('ghost'), ['invalid --bind-user=ghost: no such user on the host', 3]);
	t.deepEqual(refusal('root'), ['invalid --bind-user=root: mapping the root user is not supported', 22]);
	t.deepEqual(refusal('nobody'), ['invalid --bind-user=nobody: mapping the nobody user is not supported', 22]);
	t.deepEqual(refusal('shared'), [
		'invalid --bind-user=shared: the user has no private group (its group users is not named as the user), which cannot be mapped',
		95,
	]);
	t.deepEqual(refusal('homeless'), [`invalid --bind-user=homeless: cannot use the home directory ${scratch}/gone (ENOENT)`, 2]);
});

test("the C virtiofsd cannot map the home's owner, which is a clear error", t => {
	const scratch = scratchDir(t);
	const host = {...hostWith([{name: 'alice', uid: 1000, gid: 1000, home: scratch}]), virtiofsd: fakeFsHost('c').virtiofsd};
	const error = t.throws(
		() => planFs({...none, directory: scratch, bindUsers: parseBindUserOptions(['alice'], undefined, [])}, {runtimeDir: () => runtimeDir, host}),
		{instanceOf: CliError},
	);
	t.regex(error?.message ?? '', /^--bind-user=alice needs a virtiofsd that maps user ids/);
});

test("the credentials are upstream's records, compact JSON and a newline; the hash only when there is one", t => {
	const user = {
		userName: 'alice',
		groupName: 'alice',
		uid: 60_514,
		hostUid: 1000,
		hostGid: 1000,
		homeDirectory: '/run/vmhost/home/alice',
		memberOf: [],
		tag: 'mnt0',
	};
	t.deepEqual(bindUserCredentials(user, undefined), [
		[
			'userdb.transient.user.alice',
			'{"userName":"alice","uid":60514,"gid":60514,"homeDirectory":"/run/vmhost/home/alice","service":"io.systemd.NSpawn","memberOf":[],"privileged":{}}\n',
		],
		['userdb.transient.group.alice', '{"groupName":"alice","gid":60514,"service":"io.systemd.NSpawn"}\n'],
	]);
	const withShell = bindUserCredentials({...user, shell: '/bin/zsh', memberOf: ['wheel']}, '$y$j9T$salt$hash')[0]?.[1];
	t.is(
		withShell,
		'{"userName":"alice","uid":60514,"gid":60514,"homeDirectory":"/run/vmhost/home/alice","service":"io.systemd.NSpawn","shell":"/bin/zsh","memberOf":["wheel"],"privileged":{"hashedPassword":["$y$j9T$salt$hash"]}}\n',
	);
});
