import type {RunCommandSync} from '@vmspawn/host';

/** A host user as the user database (NSS) knows it. */
export type HostUser = {
	readonly name: string;
	readonly uid: number;
	readonly gid: number;
	readonly home: string;
	readonly shell: string;
};

export type HostGroup = {
	readonly name: string;
	readonly gid: number;
};

// getent asks NSS, so users from LDAP or systemd-homed are found as upstream's userdb finds them.
function getent(run: RunCommandSync, database: string, key: string): string[] | undefined {
	const result = run(['getent', database, key], {timeoutMs: 10_000});
	const line = result.code === 0 ? result.stdout.split('\n')[0] : undefined;
	return line ? line.split(':') : undefined;
}

const id = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);

export function lookupHostUser(name: string, run: RunCommandSync): HostUser | undefined {
	const fields = getent(run, 'passwd', name);
	const uid = id(fields?.[2]);
	const gid = id(fields?.[3]);
	if (!fields || fields[0] !== name || uid === undefined || gid === undefined) {
		return undefined;
	}

	return {name, uid, gid, home: fields[5] ?? '', shell: fields[6] ?? ''};
}

export function lookupHostGroup(gid: number, run: RunCommandSync): HostGroup | undefined {
	const fields = getent(run, 'group', String(gid));
	return fields?.[0] && id(fields[2]) === gid ? {name: fields[0], gid} : undefined;
}

/**
 * The user's password hash from the shadow database, as upstream's user record has it:
 * only readable as root; "x" and "*" (also behind "!"s) are no hash and left out, while
 * a locked "!..." one and an empty one are kept (systemd's looks_like_hashed_password()).
 */
export function hostHashedPassword(name: string, run: RunCommandSync): string | undefined {
	const fields = getent(run, 'shadow', name);
	const hash = fields?.[0] === name ? fields[1] : undefined;
	if (hash === undefined) {
		return undefined;
	}

	const rest = hash.replace(/^!+/, '');
	return rest === 'x' || rest === '*' ? undefined : hash;
}
