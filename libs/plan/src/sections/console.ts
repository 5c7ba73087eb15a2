import * as z from 'zod';
import {lazySchema} from '../lazy.js';

export const ConsoleMode = lazySchema(() => z.enum(['interactive', 'read-only', 'native', 'gui', 'headless']));
export type ConsoleMode = z.infer<typeof ConsoleMode>;

export const ConsoleSection = lazySchema(() => z.looseObject({
	mode: ConsoleMode,
}));
export type ConsoleSection = z.infer<typeof ConsoleSection>;
