import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath} from '../common.js';
import {perRun} from '../per-run.js';

export const RuntimeSection = lazySchema(() =>
	z.looseObject({
		/** Private runtime directory (0700) that vmspawn-run creates, fills with sockets and removes on exit. */
		dir: perRun(AbsolutePath, 'a fresh directory, and every path inside it, for each run'),
	}),
);
export type RuntimeSection = z.infer<typeof RuntimeSection>;
