import {fstatSync, readFileSync} from 'node:fs';
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

/** Reads the incoming plan from stdin (empty input means "start from an empty plan"). */
export function readPlanInput(fd = 0): {plan: Plan; fromStdin: boolean} {
	if (!stdinCarriesPlan(fd)) {
		return {plan: emptyPlan(), fromStdin: false};
	}

	const text = readFileSync(fd, 'utf8');
	if (text.trim() === '') {
		return {plan: emptyPlan(), fromStdin: false};
	}

	return {plan: parsePlan(text), fromStdin: true};
}

export function readPlanFile(path: string): Plan {
	let text: string;
	try {
		text = readFileSync(path === '-' ? 0 : path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new CliError(`cannot read plan ${path}: ${(error as Error).message}`, {exitCode: code === 'ENOENT' ? 2 : 5});
	}

	return parsePlan(text);
}

/** Writes the plan as one JSON document, newline-terminated. */
export function writePlan(plan: Plan, stream: NodeJS.WritableStream = process.stdout): void {
	stream.write(serializePlan(plan));
}
