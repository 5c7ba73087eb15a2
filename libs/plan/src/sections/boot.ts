import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath} from '../common.js';

export const BootSection = lazySchema(() => z.looseObject({
	/** Kernel for a direct boot; absent: the firmware boots the root disk. */
	kernel: AbsolutePath.optional(),
	/** Initrds in order; several are concatenated into one at run time. */
	initrds: z.array(AbsolutePath).default([]),
	/** Extra kernel command line words from the user (positional ARGS). */
	extraArgs: z.array(z.string()).default([]),
}));
export type BootSection = z.infer<typeof BootSection>;
