import {constants} from 'node:os';

/** How a child ended, in words for the user and as a number for our exit status. */
export function describeExit(name: string, code: number | null, signal: NodeJS.Signals | null): string {
	if (signal) {
		return `${name} was killed by signal ${signal}`;
	}

	return `${name} exited with status ${code ?? 'unknown'}`;
}

export function signalNumber(signal: NodeJS.Signals): number {
	return constants.signals[signal] ?? 0;
}
