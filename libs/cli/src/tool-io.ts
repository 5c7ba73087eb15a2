/** Where a tool reads and writes; tests pass their own streams to run a tool in-process. */
export type ToolIo = {
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	/** Where the incoming plan is read from; undefined: start from an empty plan. */
	readonly stdinFd: number | undefined;
	readonly env: NodeJS.ProcessEnv;
	/** Relative paths are taken from here; default process.cwd(). */
	readonly cwd?: string;
};

export const processIo: ToolIo = {stdout: process.stdout, stderr: process.stderr, stdinFd: 0, env: process.env};
