import {execFileSync} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';

export type HostUser = {readonly name: string; readonly uid: number; readonly gid: number; readonly home: string};

// useradd and userdel lock /etc/passwd and fail at once when another holds it (another test file
// making its user at the same time): try again a few times.
async function withPasswdLock(argv: readonly string[]): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			execFileSync(argv[0]!, argv.slice(1), {stdio: 'pipe'});
			return;
		} catch (error) {
			const stderr = String((error as {stderr?: unknown}).stderr ?? '');
			if (attempt >= 20 || !/cannot lock|try again later/.test(stderr)) {
				throw error;
			}

			await delay(250 * attempt);
		}
	}
}

/** A host user made for one test (with its private group and home), removed afterwards. Needs root. */
export async function temporaryUser(t: {teardown(fn: () => Promise<void>): void}, name: string): Promise<HostUser> {
	await withPasswdLock(['useradd', '--create-home', '--user-group', '--shell', '/bin/sh', name]);
	t.teardown(async () => withPasswdLock(['userdel', '--remove', name]).catch(() => undefined));
	const [, , uid, gid, , home] = execFileSync('getent', ['passwd', name], {encoding: 'utf8'}).trim().split(':');
	return {name, uid: Number(uid), gid: Number(gid), home: home!};
}
