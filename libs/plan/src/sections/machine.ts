import * as z from 'zod';
import {lazySchema} from '../lazy.js';

/** The architectures vmspawn knows (qemu-system-<arch>); libs/qemu keeps a traits entry for each. A free string would become part of the qemu binary's path. */
export const QEMU_ARCHITECTURES = ['x86_64', 'i386', 'aarch64', 'arm', 'riscv64', 'loongarch64', 's390x', 'ppc64'] as const;
export type QemuArch = (typeof QEMU_ARCHITECTURES)[number];
export const QemuArchSchema = lazySchema(() => z.enum(QEMU_ARCHITECTURES, {error: `expected a known architecture: ${QEMU_ARCHITECTURES.join(', ')}`}));

export const Accelerator = lazySchema(() => z.enum(['kvm', 'tcg']));
export type Accelerator = z.infer<typeof Accelerator>;

export const MachineSection = lazySchema(() =>
	z.looseObject({
		/** Machine name, a valid host name (upstream's -M/--machine). */
		name: z
			.string()
			.regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, {error: 'expected a valid host name'})
			.max(64),
		/** Lower-case 8-4-4-4-12 form; absent: qemu picks none. */
		uuid: z
			.string()
			.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {error: 'expected a UUID in 8-4-4-4-12 form'})
			.optional(),
		/** QEMU's architecture name: x86_64, aarch64, ... */
		arch: QemuArchSchema,
		/** QEMU machine type: q35 on x86-64, virt on arm64. */
		type: z.string().min(1),
		/** Passed to -smp verbatim, as upstream does. */
		cpus: z.string().min(1),
		ramMiB: z.number().int().positive(),
		/** Memory hotplug (--ram=BYTES:MAXBYTES[:SLOTS]): the most the guest may have, MiB (qemu's maxmem); absent: no hotplug. */
		ramMaxMiB: z.number().int().positive().optional(),
		/** Hotplug slots (qemu's slots), with ramMaxMiB; absent there: 1, as upstream. */
		ramSlots: z.number().int().min(1).max(256).optional(),
		accelerator: Accelerator,
		/** Why the accelerator was chosen, when that is worth telling (e.g. KVM unusable). */
		acceleratorReason: z.string().optional(),
	}),
);
export type MachineSection = z.infer<typeof MachineSection>;
