import {type Host, realHost} from './host.js';

/** Where a tool reads and writes, and the machine it runs on; tests pass their own streams and host to run a tool in-process. */
export type ToolIo = {
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	/** Where the incoming plan is read from; undefined: start from an empty plan. */
	readonly stdinFd: number | undefined;
	readonly env: NodeJS.ProcessEnv;
	/** Relative paths are taken from here; default process.cwd(). */
	readonly cwd?: string;
	readonly host: Host;
};

export const processIo: ToolIo = {stdout: process.stdout, stderr: process.stderr, stdinFd: 0, env: process.env, host: realHost};
