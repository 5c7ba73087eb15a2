import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath} from '../common.js';

// SMBIOS strings are bytes for the guest: well-formed Unicode (so UTF-8 once encoded) and no NUL, which would end them.
const Smbios11String = lazySchema(() =>
	z
		.string()
		.min(1)
		.refine(value => !/[\uD800-\uDFFF]/u.test(value), {error: 'expected well-formed UTF-8 (an unpaired surrogate)'})
		.refine(value => !value.includes('\0'), {error: 'expected no NUL character'}),
);

export const BootSection = lazySchema(() =>
	z.looseObject({
		/** Kernel for a direct boot; absent: the firmware boots the root disk. */
		kernel: AbsolutePath.optional(),
		/** Initrds in order; several are concatenated into one at run time. */
		initrds: z.array(AbsolutePath).default([]),
		/** Extra kernel command line words from the user (positional ARGS). */
		extraArgs: z.array(z.string()).default([]),
		/** SMBIOS type 11 strings for the guest (-s/--smbios11), in order; absent: none. */
		smbios11: z.array(Smbios11String).optional(),
	}),
);
export type BootSection = z.infer<typeof BootSection>;
