import {statSync} from 'node:fs';
import {isAbsolute} from 'node:path';
import {CliError, UsageError, errno, errnoExitCode, invalidOption, parseBooleanWord} from '@vmspawn/cli';
import type {BindUser} from '@vmspawn/plan';
import type {HostGroup, HostUser} from './host-users.js';

/** --bind-user-shell=: the host record's shell, or this one; absent: none. */
export type BindUserShell = {readonly copy: true} | {readonly path: string};

/** --bind-user=, --bind-user-shell=, --bind-user-group=, checked. */
export type BindUserOptions = {
	readonly users: readonly string[];
	readonly shell?: BindUserShell | undefined;
	readonly groups: readonly string[];
};

/** The host's user database, as planning reads it. */
export type UserDb = {
	user(name: string): HostUser | undefined;
	group(gid: number): HostGroup | undefined;
};

/** Where the guest mounts the homes, as upstream. */
export const bindUserHomeBase = '/run/vmhost/home';
// systemd's MAP_UID_MIN..MAP_UID_MAX: the ids for users mapped from the host.
const firstMappedUid = 60_514;
const lastMappedUid = 60_577;

// systemd's valid_user_group_name() without relaxations: what useradd accepts portably.
const namePattern = /^[A-Za-z_][A-Za-z0-9_-]{0,30}$/;

function checkName(option: string, value: string): string {
	if (!namePattern.test(value)) {
		throw invalidOption(option, value, 'expected a user or group name: a letter or _, then letters, digits, _ or -, at most 31');
	}

	return value;
}

function parseShell(value: string | undefined): BindUserShell | undefined {
	if (value === undefined || value === '') {
		return undefined;
	}

	if (isAbsolute(value)) {
		return {path: value};
	}

	const word = parseBooleanWord(value);
	if (word === undefined) {
		throw invalidOption('bind-user-shell', value, 'expected a boolean or an absolute path');
	}

	return word ? {copy: true} : undefined;
}

/** Checks the bind-user options; repeated names count once, as upstream. */
export function parseBindUserOptions(users: readonly string[], shell: string | undefined, groups: readonly string[]): BindUserOptions {
	const parsed = {
		users: [...new Set(users.map(user => checkName('bind-user', user)))],
		shell: parseShell(shell),
		groups: [...new Set(groups.map(group => checkName('bind-user-group', group)))],
	};
	if (parsed.users.length === 0 && parsed.shell) {
		throw new UsageError('--bind-user-shell= needs --bind-user=');
	}

	if (parsed.users.length === 0 && parsed.groups.length > 0) {
		throw new UsageError('--bind-user-group= needs --bind-user=');
	}

	return parsed;
}

function fail(name: string, why: string, code: number): never {
	throw new CliError(`invalid --bind-user=${name}: ${why}`, {exitCode: code});
}

function checkHome(name: string, home: string): void {
	if (!isAbsolute(home)) {
		fail(name, `the home directory '${home}' is not an absolute path`, errno.EINVAL);
	}

	try {
		if (!statSync(home).isDirectory()) {
			fail(name, `the home directory ${home} is not a directory`, errno.ENOTDIR);
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== undefined) {
			fail(name, `cannot use the home directory ${home} (${code})`, errnoExitCode(code) ?? errno.EINVAL);
		}

		throw error;
	}
}

/** A --bind-user= user as the host knows it, checked as upstream's machine_bind_user_prepare() does. */
function hostUser(name: string, db: UserDb): {user: HostUser; group: HostGroup} {
	const user = db.user(name) ?? fail(name, 'no such user on the host', errno.ESRCH);
	// Records given to the guest only add users; root and nobody are there already.
	if (user.uid === 0) {
		fail(name, 'mapping the root user is not supported', errno.EINVAL);
	}

	if (user.uid === 65_534) {
		fail(name, 'mapping the nobody user is not supported', errno.EINVAL);
	}

	const group = db.group(user.gid);
	if (group?.name !== name) {
		fail(name, `the user has no private group (its group ${group?.name ?? user.gid} is not named as the user), which cannot be mapped`, errno.EOPNOTSUPP);
	}

	checkHome(name, user.home);
	return {user, group};
}

/**
 * The users as the guest gets them, with each host home: guest ids from 60514 on in the
 * order given (the guest's own user database is not consulted, as upstream's vmspawn
 * does not), each home at /run/vmhost/home/USER on the share `tags[i]`.
 */
export function planBindUsers(options: BindUserOptions, db: UserDb, tags: readonly string[]): Array<{record: BindUser; home: string}> {
	if (options.users.length > lastMappedUid - firstMappedUid + 1) {
		throw new CliError(`--bind-user= maps at most ${lastMappedUid - firstMappedUid + 1} users (ids ${firstMappedUid}-${lastMappedUid})`, {
			exitCode: errno.EBUSY,
		});
	}

	return options.users.map((name, index) => {
		const {user} = hostUser(name, db);
		const shell = options.shell && ('copy' in options.shell ? user.shell : options.shell.path);
		const record: BindUser = {
			userName: name,
			groupName: name,
			uid: firstMappedUid + index,
			hostUid: user.uid,
			hostGid: user.gid,
			homeDirectory: `${bindUserHomeBase}/${name}`,
			...(shell ? {shell} : {}),
			memberOf: [...options.groups],
			tag: tags[index]!,
		};
		return {record, home: user.home};
	});
}
