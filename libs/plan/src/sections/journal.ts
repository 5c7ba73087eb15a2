import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath, HelperProcess} from '../common.js';

/**
 * --forward-journal: systemd-journal-remote on the host receives the guest's journal,
 * which the guest's journald sends to `guestAddress` (the journal.forward_to_socket credential).
 */
export const JournalSection = lazySchema(() =>
	z.looseObject({
		/** A FILE ending in .journal (split mode none) or a DIR for one file per guest host name (split mode host). */
		output: AbsolutePath,
		splitMode: z.enum(['none', 'host']),
		/** How the guest reaches the host: vsock (port = the guest's CID, as upstream) or qemu's user-mode host address. */
		transport: z.enum(['vsock', 'tcp']),
		/** The address the guest's journald forwards to, e.g. vsock:2:1234 or 10.0.2.2:40000. */
		guestAddress: z.string().min(1),
		helper: HelperProcess,
	}),
);
export type JournalSection = z.infer<typeof JournalSection>;
