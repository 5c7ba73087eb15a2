import {CliError, errno, errnoExitCode} from '@vmspawn/cli';

/**
 * A system error while making or filling the runtime directory (a full disk, no
 * permission) as one line that says where; Node's own message ("ENOSPC: no space
 * left on device, write") does not. Errors already meant for the user pass as they are.
 */
export function preparationError(runtimeDir: string, error: unknown): unknown {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (error instanceof CliError || typeof code !== 'string') {
		return error;
	}

	return new CliError(`cannot prepare the runtime directory ${runtimeDir}: ${(error as Error).message}`, {
		exitCode: errnoExitCode(code) ?? errno.EIO,
		cause: error,
	});
}
