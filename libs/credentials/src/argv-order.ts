import type {ParsedArgs} from '@vmspawn/cli';
import type {CredentialOption} from './collect.js';
import type {CredentialOptionName} from './option-value.js';

const names: ReadonlySet<string> = new Set<CredentialOptionName>(['set-credential', 'load-credential']);

/**
 * The credential options in the order they were given. Upstream adds --set- and
 * --load-credential= to one list, so their relative order decides the order in
 * the guest and which of two duplicates is refused.
 */
export function credentialOptionsInOrder(args: ParsedArgs): CredentialOption[] {
	return args.ordered.filter(({name}) => names.has(name)).map(({name, value}) => ({option: name as CredentialOptionName, value}));
}
