import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath, HelperProcess, absolutePath, helperProcess} from '../common.js';
import {needed} from '../needed.js';

/** How vmspawn-run brings the TPM state into being before swtpm starts. */
const tpmManufacture = (missing?: string) =>
	z.looseObject(
		{
			/** swtpm_setup's command line; it must never overwrite existing state. */
			argv: z.array(z.string()).min(1, {error: 'expected at least the program to run'}),
			/** A file that shows the state is already manufactured (the marker): then argv is not run. */
			skipWhenExists: AbsolutePath.optional(),
			/** Created (empty) once argv succeeded, so an interrupted manufacture is not taken for a complete one. */
			marker: AbsolutePath.optional(),
			/** Files written (0600) before argv runs, each directly inside stateDir: the config of the local CA that signs the EK and platform certificates. */
			files: z.array(z.looseObject({path: AbsolutePath, content: z.string()})).optional(),
			/** What the installed swtpm cannot make that upstream's TPM has (e.g. the EK certificate), one phrase each; said when the state is manufactured. */
			omitted: z.array(z.string()).optional(),
		},
		needed(missing),
	);
export const TpmManufacture = lazySchema(() => tpmManufacture());
export type TpmManufacture = z.infer<typeof TpmManufacture>;

const why = (key: string) => `an enabled tpm section needs ${key}`;

// One variant a value of `enabled`, so an enabled section has its state, socket and helper in the
// type, not only after validation.
export const TpmSection = lazySchema(() =>
	z.discriminatedUnion('enabled', [
		z.looseObject({
			/** Whether the guest gets a TPM 2.0 device backed by swtpm. */
			enabled: z.literal(true),
			/** Why the TPM is off (--tpm=no, swtpm not installed, architecture without TPM). */
			reason: z.string().optional(),
			/** The TPM's state directory (0700); vmspawn-run creates it. */
			stateDir: absolutePath(why('stateDir')),
			/** true: kept across runs (next to the image, or --tpm-state=PATH); false: inside the runtime directory. */
			persistent: z.boolean(needed(why('persistent'))),
			/** swtpm's control socket, which qemu connects to. */
			socket: absolutePath(why('socket')),
			manufacture: tpmManufacture(why('manufacture')),
			/** swtpm itself, started by vmspawn-run; it ends when qemu disconnects. */
			helper: helperProcess(why('helper')),
		}),
		z.looseObject({
			enabled: z.literal(false),
			reason: z.string().optional(),
			stateDir: AbsolutePath.optional(),
			persistent: z.boolean().optional(),
			socket: AbsolutePath.optional(),
			manufacture: TpmManufacture.optional(),
			helper: HelperProcess.optional(),
		}),
	]),
);
export type TpmSection = z.infer<typeof TpmSection>;
