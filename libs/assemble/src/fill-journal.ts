import type {CredentialStore} from '@vmspawn/credentials';
import {FORWARD_CREDENTIAL, findJournalRemote, planJournal} from '@vmspawn/journal';
import {findFreeTcpPort} from '@vmspawn/network';
import {UsageError} from '@vmspawn/cli';
import {type Plan, withSection} from '@vmspawn/plan';

/**
 * The journal section from --forward-journal=, or the one a plan brought, and the
 * journal.forward_to_socket credential that tells the guest where to send. The
 * credential comes before the SSH ones, in upstream's order.
 */
export async function fillJournal(plan: Plan, output: string | undefined, secrets: CredentialStore | undefined, env: NodeJS.ProcessEnv): Promise<Plan> {
	let filled = plan;
	if (!plan.journal && output !== undefined) {
		const {section} = await planJournal({output, journalRemote: findJournalRemote(env), vsock: plan.vsock!, network: plan.network!, freePort: async () => findFreeTcpPort()});
		filled = withSection(plan, 'journal', section);
	}

	if (filled.journal) {
		if (!secrets) {
			throw new UsageError('--forward-journal= needs vmspawn-run to pass credentials to the guest');
		}

		if (secrets.has(FORWARD_CREDENTIAL)) {
			throw new UsageError(`credential '${FORWARD_CREDENTIAL}' is also passed by --forward-journal=; leave one of them out`);
		}

		secrets.add(FORWARD_CREDENTIAL, Buffer.from(filled.journal.guestAddress));
	}

	return filled;
}
