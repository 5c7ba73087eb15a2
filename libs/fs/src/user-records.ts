import type {BindUser} from '@vmspawn/plan';

/** The service upstream's records name (nspawn's and vmspawn's alike). */
const service = 'io.systemd.NSpawn';

/**
 * The userdb.transient.user.USER and userdb.transient.group.USER credentials for one
 * --bind-user= user, as upstream's machine_bind_user_prepare() builds the records and
 * formats them (compact JSON, one newline): the guest's nss-systemd defines the user
 * from them. `hashedPassword` is the host's, so the user logs in as on the host.
 */
export function bindUserCredentials(user: BindUser, hashedPassword: string | undefined): Array<[id: string, value: string]> {
	const userRecord = {
		userName: user.userName,
		uid: user.uid,
		gid: user.uid,
		homeDirectory: user.homeDirectory,
		service,
		...(user.shell ? {shell: user.shell} : {}),
		memberOf: user.memberOf,
		privileged: hashedPassword === undefined ? {} : {hashedPassword: [hashedPassword]},
	};
	const groupRecord = {groupName: user.groupName, gid: user.uid, service};
	return [
		[`userdb.transient.user.${user.userName}`, `${JSON.stringify(userRecord)}\n`],
		[`userdb.transient.group.${user.groupName}`, `${JSON.stringify(groupRecord)}\n`],
	];
}
