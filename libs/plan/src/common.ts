import * as z from 'zod';
import {lazySchema} from './lazy.js';
import {needed} from './needed.js';

// Paths in a plan are absolute so a plan means the same thing from any working directory.
// `missing` says why, where the field is needed.
export function absolutePath(missing?: string) {
	const missingError = needed(missing).error;
	return z
		.string({error: issue => missingError?.(issue) ?? 'expected an absolute path'})
		.refine(value => value.startsWith('/'), {error: 'expected an absolute path'})
		.refine(value => !value.includes('\0'), {error: 'a path may not contain NUL bytes'});
}

export const AbsolutePath = lazySchema(() => absolutePath());

export const Tristate = lazySchema(() => z.enum(['yes', 'no', 'auto']));
export type Tristate = z.infer<typeof Tristate>;

/** A helper process that vmspawn-run starts before qemu and stops after it. */
export const helperProcess = (missing?: string) =>
	z.looseObject(
		{
			name: z.string().min(1),
			argv: z.array(z.string()).min(1, {error: 'expected at least the program to run'}),
			/** Socket the helper listens on; vmspawn-run waits for it before starting qemu. */
			socket: AbsolutePath.optional(),
			/** A TCP port the helper listens on instead, on loopback; vmspawn-run waits until it listens. */
			tcpPort: z.number().int().min(1).max(65535).optional(),
		},
		needed(missing),
	);
export const HelperProcess = lazySchema(() => helperProcess());
export type HelperProcess = z.infer<typeof HelperProcess>;
