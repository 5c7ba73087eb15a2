// What `npm run bench` measures and how often, from the environment, so a quick run is one line:
//   BENCH_RUNS=3 BENCH_BOOT_RUNS=2 BENCH_SCALE=1,5 BENCH_SCALE_RUNS=1 BENCH_WAIT_S=0 npm run bench
// BENCH_PARTS=startup,pipeline,boot,tpm,memory,scale picks parts; BENCH_MAX_LOAD is the quiet threshold;
// BENCH_MACHINE names the VMs (default bench), for a run beside another that boots VMs.
const parts = ['startup', 'pipeline', 'boot', 'tpm', 'memory', 'scale'] as const;
export type Part = (typeof parts)[number];

function count(variable: string, fallback: number): number {
	const text = process.env[variable];
	const value = Number(text ?? fallback);
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(`$${variable} must be a whole number of at least 1, not ${text}`);
	}

	return value;
}

function number(variable: string, fallback: number): number {
	const value = Number(process.env[variable] ?? fallback);
	if (!Number.isFinite(value) || value < 0) {
		throw new Error(`$${variable} must be a number, not ${process.env[variable]}`);
	}

	return value;
}

function selectedParts(): ReadonlySet<Part> {
	const text = process.env['BENCH_PARTS'];
	const chosen = text === undefined || text === '' ? [...parts] : text.split(',').map(word => word.trim());
	const unknown = chosen.filter(word => !(parts as readonly string[]).includes(word));
	if (unknown.length > 0) {
		throw new Error(`$BENCH_PARTS: unknown ${unknown.join(', ')} (there are ${parts.join(', ')})`);
	}

	return new Set(chosen as Part[]);
}

const runs = count('BENCH_RUNS', 10);

/** The machine name of the bench's VMs (-M NAME, NAME-tpm, NAME-scale-N): distinct from the names of another run on this machine. */
function machineName(): string {
	const name = process.env['BENCH_MACHINE'] || 'bench';
	if (!/^[A-Za-z0-9_-]{1,40}$/.test(name)) {
		throw new Error(`$BENCH_MACHINE must be a short host name (letters, digits, - and _), not ${name}`);
	}

	return name;
}

export const settings = {
	/** Runs per figure after one warm-up (start-up figures and the pipeline). */
	runs,
	/** Runs per boot figure; boots take seconds each under TCG. */
	bootRuns: count('BENCH_BOOT_RUNS', runs),
	/** How many VMs start together in the scale part, and how many times each batch runs. */
	scale: (process.env['BENCH_SCALE'] ?? '1,5,10,20').split(',').map(word => {
		const value = Number(word);
		if (!Number.isInteger(value) || value < 1) {
			throw new Error(`$BENCH_SCALE: ${word} is not a number of VMs`);
		}

		return value;
	}),
	scaleRuns: count('BENCH_SCALE_RUNS', 3),
	/** A concurrent boot still running after this many seconds is stopped and counted as hung. */
	scaleTimeoutSeconds: count('BENCH_SCALE_TIMEOUT_S', 600),
	parts: selectedParts(),
	/** A part starts once the 1-minute load is below this, polled every 30 s for at most BENCH_WAIT_S seconds. */
	maxLoad: number('BENCH_MAX_LOAD', 0.7),
	waitSeconds: number('BENCH_WAIT_S', 1200),
	machine: machineName(),
} as const;
