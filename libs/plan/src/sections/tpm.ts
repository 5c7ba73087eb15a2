import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath, HelperProcess} from '../common.js';

/** How vmspawn-run brings the TPM state into being before swtpm starts. */
export const TpmManufacture = lazySchema(() => z.looseObject({
	/** swtpm_setup's command line; it must never overwrite existing state. */
	argv: z.array(z.string()).min(1, {error: 'expected at least the program to run'}),
	/** A file that shows the state is already manufactured (tpm2-00.permall): then argv is not run. */
	skipWhenExists: AbsolutePath.optional(),
}));
export type TpmManufacture = z.infer<typeof TpmManufacture>;

const enabledNeeds = ['stateDir', 'persistent', 'socket', 'manufacture', 'helper'] as const;

export const TpmSection = lazySchema(() => z
	.looseObject({
		/** Whether the guest gets a TPM 2.0 device backed by swtpm. */
		enabled: z.boolean(),
		/** Why the TPM is off (--tpm=no, swtpm not installed, architecture without TPM). */
		reason: z.string().optional(),
		/** The TPM's state directory (0700); vmspawn-run creates it. */
		stateDir: AbsolutePath.optional(),
		/** true: kept across runs (next to the image, or --tpm-state=PATH); false: inside the runtime directory. */
		persistent: z.boolean().optional(),
		/** swtpm's control socket, which qemu connects to. */
		socket: AbsolutePath.optional(),
		manufacture: TpmManufacture.optional(),
		/** swtpm itself, started by vmspawn-run; it ends when qemu disconnects. */
		helper: HelperProcess.optional(),
	})
	.superRefine((section, context) => {
		if (!section.enabled) {
			return;
		}

		for (const key of enabledNeeds) {
			if (section[key] === undefined) {
				context.addIssue({code: 'custom', path: [key], message: `an enabled tpm section needs ${key}`});
			}
		}
	}));
export type TpmSection = z.infer<typeof TpmSection>;
