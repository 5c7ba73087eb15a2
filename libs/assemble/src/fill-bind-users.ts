import {UsageError} from '@vmspawn/cli';
import type {CredentialStore} from '@vmspawn/credentials';
import {bindUserCredentials} from '@vmspawn/fs';
import type {Plan} from '@vmspawn/plan';

/**
 * The userdb.transient.* credentials that define each --bind-user= user in the guest,
 * after the command line's and before the journal's and SSH's, as upstream orders them.
 * The password hash is read from the host now (it never goes into the plan).
 */
export function fillBindUserCredentials(plan: Plan, secrets: CredentialStore | undefined, passwordOf: (name: string) => string | undefined): void {
	const users = plan.fs?.bindUsers ?? [];
	if (users.length === 0) {
		return;
	}

	if (!secrets) {
		throw new UsageError('--bind-user= needs vmspawn-run to pass credentials to the guest');
	}

	for (const user of users) {
		for (const [id, value] of bindUserCredentials(user, passwordOf(user.userName))) {
			if (secrets.has(id)) {
				throw new UsageError(`credential '${id}' is also passed by --bind-user=${user.userName}; leave one of them out`);
			}

			secrets.add(id, Buffer.from(value));
		}
	}
}
