import {readFileSync, readdirSync} from 'node:fs';

/** Every process whose command line or environment contains `secret`, as "PID: where". */
export function processesExposing(secret: string): string[] {
	const needle = Buffer.from(secret);
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter(entry => /^\d+$/.test(entry))) {
		for (const where of ['cmdline', 'environ']) {
			try {
				if (readFileSync(`/proc/${pid}/${where}`).includes(needle)) {
					found.push(`${pid}: ${where}`);
				}
			} catch {
				// Gone, or not ours to read.
			}
		}
	}

	return found;
}
