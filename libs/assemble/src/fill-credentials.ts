import {UsageError} from '@vmspawn/cli';
import {type CredentialStore, planCredentials} from '@vmspawn/credentials';
import {type CredentialSource, type Plan, withSection} from '@vmspawn/plan';

/**
 * The credentials section, from the values vmspawn-run collected itself. A plan
 * cannot bring credentials: their values never leave the process that read them.
 */
export function fillCredentials(plan: Plan, incoming: Plan, secrets: CredentialStore | undefined, sources?: ReadonlyMap<string, CredentialSource>): Plan {
	if (incoming.credentials !== undefined) {
		throw new UsageError(
			'plan.credentials: credentials cannot arrive in a plan (their values never leave vmspawn-run); pass them with --set-credential= or --load-credential=',
		);
	}

	if (!secrets || secrets.size === 0) {
		return plan;
	}

	const section = planCredentials(secrets, {runtimeDir: plan.runtime!.dir, arch: plan.machine!.arch});
	// Where each value came from, so the plan replays; ids not from the command line are vmspawn-run's own.
	const entries = sources ? section.entries.map(entry => ({...entry, source: sources.get(entry.id) ?? {kind: 'vmspawn' as const}})) : section.entries;
	return withSection(plan, 'credentials', {...section, entries});
}
