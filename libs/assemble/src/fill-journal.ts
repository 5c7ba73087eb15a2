import type {CredentialStore} from '@vmspawn/credentials';
import {type JournalLimits, applicableLimits, findJournalRemote, journalCredentials, planJournal} from '@vmspawn/journal';
import {findFreeTcpPort} from '@vmspawn/network';
import {UsageError} from '@vmspawn/cli';
import {type Plan, withSection} from '@vmspawn/plan';
import type {Host} from '@vmspawn/host';

/**
 * The journal section from --forward-journal=, or the one a plan brought, and the
 * journal.forward_to_socket credential that tells the guest where to send (over TCP
 * also the journald drop-in that lets it through). They come before the SSH ones, in
 * upstream's order.
 */
export async function fillJournal(
	plan: Plan,
	output: string | undefined,
	secrets: CredentialStore | undefined,
	machine: {readonly env: NodeJS.ProcessEnv; readonly host: Host},
	limits?: JournalLimits,
): Promise<{plan: Plan; warnings: string[]}> {
	let filled = plan;
	const warnings: string[] = [];
	if (!plan.journal && output !== undefined) {
		const journalRemote = findJournalRemote(machine.env, machine.host);
		const applicable = await applicableLimits(journalRemote, limits ?? {}, machine.host.run);
		if (applicable.warning) {
			warnings.push(applicable.warning);
		}

		const {section} = await planJournal({
			output,
			limits: applicable.limits,
			journalRemote,
			vsock: plan.vsock!,
			network: plan.network!,
			freePort: async () => findFreeTcpPort(),
		});
		filled = withSection(plan, 'journal', section);
	}

	if (filled.journal) {
		if (!secrets) {
			throw new UsageError('--forward-journal= needs vmspawn-run to pass credentials to the guest');
		}

		const credentials = journalCredentials(filled.journal);
		const clash = credentials.find(([id]) => secrets.has(id));
		if (clash) {
			throw new UsageError(`credential '${clash[0]}' is also passed by --forward-journal=; leave one of them out`);
		}

		for (const [id, value] of credentials) {
			secrets.add(id, Buffer.from(value));
		}
	}

	return {plan: filled, warnings};
}
