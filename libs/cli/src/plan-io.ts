import {createReadStream, fstatSync} from 'node:fs';
import {type Plan, PlanError, emptyPlan, parsePlan, serializePlan} from '@vmspawn/plan';
import {CliError} from './errors.js';
import {readPlanText, readStreamCapped} from './read-capped.js';

/**
 * True when stdin can carry a plan: a pipe or a file, not a terminal or a socket
 * a parent forgot to close (reading that would block for ever).
 */
export function stdinCarriesPlan(fd = 0): boolean {
	try {
		const stat = fstatSync(fd);
		return stat.isFIFO() || stat.isFile();
	} catch {
		return false;
	}
}

/**
 * Reads the incoming plan from stdin (or the given fd). No fd, a terminal, or empty
 * input means "start from an empty plan"; `fromStdin` says whether input was used up.
 */
export async function readPlanInput(fd: number | undefined = 0): Promise<{plan: Plan; fromStdin: boolean}> {
	if (fd === undefined || !stdinCarriesPlan(fd)) {
		return {plan: emptyPlan(), fromStdin: false};
	}

	const input = await readPlanText(fd);
	if (input.trim() === '') {
		return {plan: emptyPlan(), fromStdin: false};
	}

	return {plan: parsePlan(input), fromStdin: true};
}

/** Reads a plan from a file (a FIFO or device too: read as a stream, up to the cap), or from standard input for `-`. */
export async function readPlanFile(path: string): Promise<Plan> {
	let input: string;
	try {
		input = path === '-' ? await readPlanText(0) : await readStreamCapped(createReadStream(path));
	} catch (error) {
		if (error instanceof PlanError) {
			throw error;
		}

		const code = (error as NodeJS.ErrnoException).code;
		throw new CliError(`cannot read plan ${path}: ${(error as Error).message}`, {exitCode: code === 'ENOENT' ? 2 : 5});
	}

	return parsePlan(input);
}

/** Writes the plan as one JSON document, newline-terminated. */
export function writePlan(plan: Plan, stream: NodeJS.WritableStream = process.stdout): void {
	stream.write(serializePlan(plan));
}
