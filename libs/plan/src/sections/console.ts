import * as z from 'zod';

export const ConsoleMode = z.enum(['interactive', 'read-only', 'native', 'gui', 'headless']);
export type ConsoleMode = z.infer<typeof ConsoleMode>;

export const ConsoleSection = z.looseObject({
	mode: ConsoleMode,
});
export type ConsoleSection = z.infer<typeof ConsoleSection>;
