import {PlanError} from '@vmspawn/plan';
import {CliError} from './errors.js';
import {errno, errnoExitCode} from './exit-codes.js';

/** Maps any thrown value to the one line and exit status the user sees. */
export function describeFailure(error: unknown): {message: string; exitCode: number} {
	if (error instanceof CliError) {
		return {message: error.message, exitCode: error.exitCode};
	}

	if (error instanceof PlanError) {
		const [first, ...rest] = error.problems;
		return {message: rest.length > 0 ? `${first} (and ${rest.length} more: ${rest.join('; ')})` : (first ?? 'invalid plan'), exitCode: errno.EINVAL};
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const message = error instanceof Error ? error.message : String(error);
	return {message, exitCode: errnoExitCode(code) ?? 1};
}

const sigpipeStatus = 128 + 13;

/**
 * The one top-level catch of a tool: runs `main`, prints failures as `TOOL: message`
 * (a stack trace only with VMSPAWN_DEBUG set) and sets the exit status.
 */
export async function runCli(tool: string, main: () => Promise<number | void>): Promise<void> {
	// The reader of our output went away (`tool | head`): end quietly, as SIGPIPE would.
	let stdoutClosed = false;
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') {
			throw error;
		}

		stdoutClosed = true;
		process.exitCode = sigpipeStatus;
	});
	try {
		const status = await main();
		process.exitCode = stdoutClosed ? sigpipeStatus : (status ?? 0);
	} catch (error) {
		const {message, exitCode} = describeFailure(error);
		process.stderr.write(`${tool}: ${message.replaceAll('\n', ' ')}\n`);
		if (process.env['VMSPAWN_DEBUG'] && error instanceof Error && error.stack) {
			process.stderr.write(`${error.stack}\n`);
		}

		process.exitCode = exitCode;
	}
}
