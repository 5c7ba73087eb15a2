import {execFile} from 'node:child_process';

/** How a command ended, with its output; failure and success have the same shape. */
export type CommandResult = {
	readonly argv: readonly string[];
	/** Exit status; null when it was killed or could not start. */
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	/** Why it could not start (ENOENT, EACCES, ...), when it could not. */
	readonly spawnError?: string;
	readonly timedOut: boolean;
	readonly stdout: string;
	readonly stderr: string;
};

export type RunCommand = (argv: readonly string[], options?: {readonly timeoutMs?: number}) => Promise<CommandResult>;

/**
 * Runs a short command to completion and collects its output. node:child_process,
 * not execa: this runs on vmspawn-run's start-up path, which should stay light.
 */
export const runCommand: RunCommand = async (argv, options = {}) =>
	new Promise(resolve => {
		const [file, ...args] = argv;
		// LC_ALL=C: help and error texts are parsed and quoted, so keep them untranslated.
		const env = {...process.env, LC_ALL: 'C'};
		execFile(file ?? '', args, {encoding: 'utf8', env, timeout: options.timeoutMs ?? 0, maxBuffer: 4 << 20}, (error, stdout, stderr) => {
			const base = {argv, stdout, stderr, timedOut: error?.killed === true && options.timeoutMs !== undefined};
			if (!error) {
				resolve({...base, code: 0, signal: null});
			} else if (typeof error.code === 'string') {
				resolve({...base, code: null, signal: null, spawnError: error.code});
			} else {
				resolve({...base, code: error.code ?? null, signal: error.signal ?? null});
			}
		});
	});

/** The last few non-empty lines of a command's stderr (or stdout), for an error message. */
export function outputTail(result: CommandResult, lines = 3): string {
	const text = result.stderr.trim() === '' ? result.stdout : result.stderr;
	return text
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean)
		.slice(-lines)
		.join(' / ');
}

/** "exited with status 1", "was killed by SIGKILL", "could not be started (ENOENT)", ... */
export function describeEnd(result: CommandResult): string {
	if (result.spawnError) {
		return `could not be started (${result.spawnError})`;
	}

	if (result.timedOut) {
		return 'did not finish in time and was stopped';
	}

	return result.signal ? `was killed by ${result.signal}` : `exited with status ${result.code ?? 'unknown'}`;
}
