import {fstatSync, readFileSync} from 'node:fs';
import {Socket} from 'node:net';
import {text} from 'node:stream/consumers';
import {type Plan, emptyPlan, parsePlan, serializePlan} from '@vmspawn/plan';
import {CliError} from './errors.js';

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

// A pipe is read as a stream: read(2) on it fails with EAGAIN while the writer is still
// working whenever the pipe is non-blocking, which a synchronous read cannot wait out.
async function readAll(fd: number): Promise<string> {
	if (fstatSync(fd).isFile()) {
		return readFileSync(fd, 'utf8');
	}

	return text(fd === 0 ? process.stdin : new Socket({fd, readable: true, writable: false}));
}

/**
 * Reads the incoming plan from stdin (or the given fd). No fd, a terminal, or empty
 * input means "start from an empty plan"; `fromStdin` says whether input was used up.
 */
export async function readPlanInput(fd: number | undefined = 0): Promise<{plan: Plan; fromStdin: boolean}> {
	if (fd === undefined || !stdinCarriesPlan(fd)) {
		return {plan: emptyPlan(), fromStdin: false};
	}

	const input = await readAll(fd);
	if (input.trim() === '') {
		return {plan: emptyPlan(), fromStdin: false};
	}

	return {plan: parsePlan(input), fromStdin: true};
}

/** Reads a plan from a file, or from standard input for `-`. */
export async function readPlanFile(path: string): Promise<Plan> {
	let input: string;
	try {
		input = path === '-' ? await readAll(0) : readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new CliError(`cannot read plan ${path}: ${(error as Error).message}`, {exitCode: code === 'ENOENT' ? 2 : 5});
	}

	return parsePlan(input);
}

/** Writes the plan as one JSON document, newline-terminated. */
export function writePlan(plan: Plan, stream: NodeJS.WritableStream = process.stdout): void {
	stream.write(serializePlan(plan));
}
