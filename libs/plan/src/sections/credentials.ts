import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath} from '../common.js';
import {perRun} from '../per-run.js';

/** qemu's fw_cfg file names hold at most 55 characters (56 bytes with the NUL). */
export const FW_CFG_NAME_MAX = 55;
export const FW_CFG_CREDENTIAL_PREFIX = 'opt/io.systemd.credentials/';

// systemd's credential_name_valid(): a valid file name that is also a valid fd name,
// i.e. 1-255 printable ASCII characters without "/" or ":", and not "." or "..".
const credentialNameProblem = 'expected a credential name: 1-255 printable ASCII characters, no "/" or ":", not "." or ".."';
export const CredentialId = lazySchema(() =>
	z
		.string()
		.regex(/^[\x20-\x2e\x30-\x39\x3b-\x7e]{1,255}$/, {error: credentialNameProblem})
		.refine(name => name !== '.' && name !== '..', {error: credentialNameProblem}),
);

/** smbios: a type 11 string (architectures with SMBIOS); fw_cfg: a firmware configuration file (the others). */
export const CredentialDelivery = lazySchema(() => z.enum(['smbios', 'fw_cfg']));
export type CredentialDelivery = z.infer<typeof CredentialDelivery>;

/**
 * Where a credential's value came from, so a replay can get it again: `load` reads
 * `from` (an absolute path, or a credential name in vmspawn-run's own
 * $CREDENTIALS_DIRECTORY) again; a `set` value is not in the plan and must be given
 * again on the replay's command line; `vmspawn` ones (SSH, journal, notify) are remade.
 */
export const CredentialSource = lazySchema(() =>
	z.discriminatedUnion('kind', [
		z.looseObject({
			kind: z.literal('load'),
			from: z
				.string()
				.min(1)
				.refine(from => from.startsWith('/') || !from.includes('/'), {error: 'expected an absolute path or a credential name'}),
		}),
		z.looseObject({kind: z.literal('set')}),
		z.looseObject({kind: z.literal('vmspawn')}),
	]),
);
export type CredentialSource = z.infer<typeof CredentialSource>;

/** One credential. Its value is never in the plan: vmspawn-run holds it in memory and writes `file` at run time. */
export const CredentialEntry = lazySchema(() =>
	z
		.looseObject({
			id: CredentialId,
			/** The value's length in bytes. */
			size: perRun(z.number().int().min(0), 'the value is read again'),
			delivery: CredentialDelivery,
			/** The payload file (0600) qemu reads: the SMBIOS string for smbios, the raw value for fw_cfg. */
			file: AbsolutePath,
			/** Absent in plans of format 1.0, which cannot replay their credentials. */
			source: CredentialSource.optional(),
		})
		.refine(entry => entry.delivery !== 'fw_cfg' || FW_CFG_CREDENTIAL_PREFIX.length + entry.id.length <= FW_CFG_NAME_MAX, {
			error: `a credential delivered through fw_cfg needs a name of at most ${FW_CFG_NAME_MAX - FW_CFG_CREDENTIAL_PREFIX.length} characters`,
			path: ['id'],
		}),
);
export type CredentialEntry = z.infer<typeof CredentialEntry>;

function directlyInside(file: string, dir: string): boolean {
	const prefix = dir.endsWith('/') ? dir : `${dir}/`;
	const rest = file.slice(prefix.length);
	return file.startsWith(prefix) && rest !== '' && !rest.includes('/');
}

export const CredentialsSection = lazySchema(() =>
	z
		.looseObject({
			/** A private directory (0700) inside the runtime directory; vmspawn-run creates it and writes the files. */
			dir: AbsolutePath,
			/** In the order the guest receives them: the command line's, then vmspawn-run's own (journal, ssh). */
			entries: z.array(CredentialEntry),
		})
		.superRefine((section, context) => {
			const seen = new Set<string>();
			for (const [index, entry] of section.entries.entries()) {
				if (seen.has(entry.id)) {
					context.addIssue({code: 'custom', path: ['entries', index, 'id'], message: `duplicate credential '${entry.id}'`});
				}

				seen.add(entry.id);
				// The files are written by vmspawn-run, so they may only go into the private directory.
				if (!directlyInside(entry.file, section.dir)) {
					context.addIssue({code: 'custom', path: ['entries', index, 'file'], message: 'expected a file directly inside the credentials dir'});
				}
			}
		}),
);
export type CredentialsSection = z.infer<typeof CredentialsSection>;
