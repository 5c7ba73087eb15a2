import * as z from 'zod';
import {lazySchema} from '@vmspawn/plan';

// The parts of QEMU's firmware descriptor (docs/interop/firmware.json) that selection reads.
// Objects are loose: fields added by newer QEMU versions are kept, not refused.

const Filename = lazySchema(() => z.string({error: 'expected a file name'}).refine(value => value.startsWith('/'), {error: 'expected an absolute path'}));

const FlashFile = lazySchema(() =>
	z.looseObject({
		filename: Filename,
		// Upstream reads a missing format as raw.
		format: z.enum(['raw', 'qcow2'], {error: 'expected raw or qcow2'}).default('raw'),
	}),
);

const FlashMapping = lazySchema(() =>
	z
		.looseObject({
			device: z.literal('flash'),
			mode: z.enum(['split', 'combined', 'stateless']).default('split'),
			executable: FlashFile,
			'nvram-template': FlashFile.optional(),
		})
		.refine(mapping => mapping.mode !== 'split' || mapping['nvram-template'] !== undefined, {
			error: 'split flash firmware needs an nvram-template',
			path: ['nvram-template'],
		}),
);

const MemoryMapping = lazySchema(() => z.looseObject({device: z.literal('memory'), filename: Filename}));
const KernelMapping = lazySchema(() => z.looseObject({device: z.literal('kernel'), filename: Filename}));

const Target = lazySchema(() =>
	z.looseObject({
		architecture: z.string().min(1),
		machines: z.array(z.string()),
	}),
);

export const FirmwareDescriptor = lazySchema(() =>
	z.looseObject({
		description: z.string(),
		'interface-types': z.array(z.string()),
		mapping: z.discriminatedUnion('device', [FlashMapping, MemoryMapping, KernelMapping], {error: 'expected device flash, memory or kernel'}),
		targets: z.array(Target),
		features: z.array(z.string()),
		tags: z.array(z.string()).default([]),
	}),
);
export type FirmwareDescriptor = z.infer<typeof FirmwareDescriptor>;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
	return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
	let current = value;
	for (const key of path) {
		current = typeof current === 'object' && current !== null ? (current as Record<PropertyKey, unknown>)[key] : undefined;
	}

	return current;
}

/** Validates decoded JSON; returns the descriptor or one line naming every problem. */
export function parseDescriptor(value: unknown): {descriptor: FirmwareDescriptor} | {problem: string} {
	const result = FirmwareDescriptor.safeParse(value);
	if (result.success) {
		return {descriptor: result.data};
	}

	const problems = result.error.issues.map(issue => {
		const missing = issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
		const message = missing ? 'missing' : issue.message.replace(/^Invalid input: /, '');
		return issue.path.length > 0 ? `${formatPath(issue.path)}: ${message}` : message;
	});
	return {problem: problems.join('; ')};
}
