import * as z from 'zod';
import {lazySchema} from '../lazy.js';

/** Where the guest's CID came from, so vmspawn-run knows what to do if it is taken by then. */
export const CidSource = lazySchema(() => z.enum(['explicit', 'derived', 'random']));
export type CidSource = z.infer<typeof CidSource>;

export const VsockSection = lazySchema(() => z
	.looseObject({
		/** Whether the guest gets a vhost-vsock device. */
		enabled: z.boolean(),
		/** Why vsock is off (no /dev/vhost-vsock, not permitted, --vsock=no). */
		reason: z.string().optional(),
		/** The guest's CID, 3..4294967294; free when the plan was made, claimed again by vmspawn-run. */
		cid: z.number().int().min(3).max(4294967294).optional(),
		cidSource: CidSource.optional(),
		/** The machine name a derived CID was hashed from, so the same candidates can be tried again. */
		derivedFrom: z.string().min(1).optional(),
	})
	.refine(section => !section.enabled || section.cid !== undefined, {error: 'an enabled vsock section needs a cid', path: ['cid']}));
export type VsockSection = z.infer<typeof VsockSection>;
