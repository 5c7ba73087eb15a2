// Timings on a 2-core machine that others use are worthless while their tests run:
// wait for a quiet machine first, and record the load seen while measuring.
import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

/** The 1-minute load average. */
export function loadAverage(): number {
	return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/**
 * Polls until the 1-minute load is below `threshold`; gives up after `maxWaitMs`
 * and goes on (saying so), since a late figure beats none. Returns the load at the start.
 */
export async function waitForQuiet(threshold: number, pollMs: number, maxWaitMs: number, log: (line: string) => void): Promise<number> {
	const started = Date.now();
	for (;;) {
		const load = loadAverage();
		if (load < threshold) {
			return load;
		}

		if (Date.now() - started >= maxWaitMs) {
			log(`bench: load still ${load} after ${Math.round(maxWaitMs / 1000)} s; measuring anyway`);
			return load;
		}

		log(`bench: 1-minute load ${load} >= ${threshold}; waiting ${pollMs / 1000} s for a quiet machine`);
		await delay(pollMs);
	}
}

const seen: number[] = [];

/** Notes the 1-minute load now; the measuring loops call it after every run (they block the event loop, so no timer would). */
export function sampleLoad(): void {
	seen.push(loadAverage());
}

/** The range of the load noted since the last call, which starts a new range. */
export function takeLoadSeen(): {min: number; max: number; samples: number} {
	const range = seen.length === 0 ? {min: Number.NaN, max: Number.NaN, samples: 0} : {min: Math.min(...seen), max: Math.max(...seen), samples: seen.length};
	seen.length = 0;
	return range;
}
