import {execFile} from 'node:child_process';

export type CliRun = {readonly status: number | null; readonly stdout: string; readonly stderr: string};

/**
 * Runs a tool's TypeScript entry point in a child process, as a user would run the
 * command (for tests). Asynchronous, so other tests in the same file keep running.
 */
export async function runSourceCli(
	cliFile: string,
	args: readonly string[],
	options: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<CliRun> {
	return new Promise(resolve => {
		const child = execFile(
			process.execPath,
			['--import=tsx', '--conditions=@vmspawn/source', cliFile, ...args],
			{
				encoding: 'utf8',
				timeout: options.timeoutMs ?? 60_000,
				...(options.cwd ? {cwd: options.cwd} : {}),
				...(options.env ? {env: options.env} : {}),
			},
			(error, stdout, stderr) => {
				resolve({status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr});
			},
		);
		child.stdin?.end();
	});
}
