import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {needed} from '../needed.js';
import {perRun} from '../per-run.js';

/** Where the guest's CID came from, so vmspawn-run knows what to do if it is taken by then. */
export const CidSource = lazySchema(() => z.enum(['explicit', 'derived', 'random']));
export type CidSource = z.infer<typeof CidSource>;

const fields = () => ({
	/** Why vsock is off (no /dev/vhost-vsock, not permitted, --vsock=no). */
	reason: z.string().optional(),
	cidSource: CidSource.optional(),
	/** The machine name a derived CID was hashed from, so the same candidates can be tried again. */
	derivedFrom: z.string().min(1).optional(),
});

// The guest's CID, 3..4294967294; free when the plan was made, claimed again by vmspawn-run.
const cid = (error?: string) =>
	perRun(z.number(needed(error)).int().min(3).max(4294967294), 'claimed again by each run; a derived or random one may move to a free CID');

// One variant a value of `enabled`, so an enabled section has its cid in the type, not only after validation.
export const VsockSection = lazySchema(() =>
	z.discriminatedUnion('enabled', [
		z.looseObject({
			/** Whether the guest gets a vhost-vsock device. */
			enabled: z.literal(true),
			cid: cid('an enabled vsock section needs a cid'),
			...fields(),
		}),
		z.looseObject({
			enabled: z.literal(false),
			cid: cid().optional(),
			...fields(),
		}),
	]),
);
export type VsockSection = z.infer<typeof VsockSection>;
