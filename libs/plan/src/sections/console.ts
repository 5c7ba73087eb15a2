import * as z from 'zod';
import {lazySchema} from '../lazy.js';

export const ConsoleMode = lazySchema(() => z.enum(['interactive', 'read-only', 'native', 'gui', 'headless']));
export type ConsoleMode = z.infer<typeof ConsoleMode>;

export const ConsoleTransport = lazySchema(() => z.enum(['virtio', 'serial']));
export type ConsoleTransport = z.infer<typeof ConsoleTransport>;

export const ConsoleSection = lazySchema(() =>
	z.looseObject({
		mode: ConsoleMode,
		/** The guest's console device: a virtio console (hvc0, the default) or the platform's serial port (ttyS0, ttyAMA0 on arm) for guests without a virtio console driver. Not used by gui and headless. */
		transport: ConsoleTransport.optional(),
	}),
);
export type ConsoleSection = z.infer<typeof ConsoleSection>;
