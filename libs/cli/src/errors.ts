import {errno} from './exit-codes.js';

/** An error meant for the user: printed as one line `TOOL: message`, exiting with `exitCode`. */
export class CliError extends Error {
	override name = 'CliError';
	readonly exitCode: number;

	constructor(message: string, options: {exitCode?: number; cause?: unknown} = {}) {
		super(message, options.cause === undefined ? undefined : {cause: options.cause});
		this.exitCode = options.exitCode ?? errno.EINVAL;
	}
}

/** A bad option value; the message names the option and the value. */
export class UsageError extends CliError {
	override name = 'UsageError';

	constructor(message: string) {
		super(message, {exitCode: errno.EINVAL});
	}
}

export function invalidOption(option: string, value: string, why: string): UsageError {
	return new UsageError(`invalid --${option}=${value}: ${why}`);
}
