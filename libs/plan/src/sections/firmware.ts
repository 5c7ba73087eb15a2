import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath} from '../common.js';

/** The block formats a firmware descriptor may name for a flash image. */
export const FlashFormat = lazySchema(() => z.enum(['raw', 'qcow2']));
export type FlashFormat = z.infer<typeof FlashFormat>;

export const FirmwareFile = lazySchema(() =>
	z.looseObject({
		path: AbsolutePath,
		format: FlashFormat.default('raw'),
	}),
);
export type FirmwareFile = z.infer<typeof FirmwareFile>;

export const FirmwareNvram = lazySchema(() =>
	z.looseObject({
		/** The variable store qemu writes to (the second pflash drive). */
		path: AbsolutePath,
		/**
		 * true: kept across runs (--efi-nvram-state), created from the template when missing;
		 * false: a per-run copy of the template inside the runtime directory.
		 */
		persistent: z.boolean(),
	}),
);
export type FirmwareNvram = z.infer<typeof FirmwareNvram>;

export const FirmwareSection = lazySchema(() =>
	z.looseObject({
		/** The QEMU firmware descriptor (docs/interop/firmware.json) this was selected from. */
		descriptor: AbsolutePath,
		description: z.string(),
		/** flash: pflash drives; memory: one image loaded with -bios. */
		device: z.enum(['flash', 'memory']).default('flash'),
		code: FirmwareFile,
		/** Template of the variable store; absent for stateless and memory-mapped firmware. */
		varsTemplate: FirmwareFile.optional(),
		/** The firmware implements Secure Boot (feature secure-boot). */
		secureBoot: z.boolean(),
		/** The machine needs SMM: feature requires-smm, or Secure Boot (its variables are protected by SMM). */
		requiresSmm: z.boolean(),
		features: z.array(z.string()).default([]),
		/** Present when the firmware keeps variables; vmspawn-run prepares the file before qemu starts. */
		nvram: FirmwareNvram.optional(),
	}),
);
export type FirmwareSection = z.infer<typeof FirmwareSection>;
