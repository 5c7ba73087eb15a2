import {parseArgs, readPlanInput, standardOutput, writePlan} from '@vmspawn/cli';
import {type FsHost, applyFs, realFsHost} from '@vmspawn/fs';
import {emptyPlan} from '@vmspawn/plan';
import {readFsStageOptions} from './read-options.js';
import {spec} from './spec.js';

export type Io = {
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	/** Where the incoming plan is read from; undefined: start from an empty plan. */
	readonly stdinFd: number | undefined;
	readonly env: NodeJS.ProcessEnv;
	readonly cwd?: string;
	/** The host's virtiofsd and tools; tests pass a fake one. */
	readonly host?: FsHost;
};

const processIo: Io = {stdout: process.stdout, stderr: process.stderr, stdinFd: 0, env: process.env};

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
	const args = parseArgs(spec, argv);
	const standard = standardOutput(spec, args);
	if (standard !== undefined) {
		io.stdout.write(standard);
		return 0;
	}

	const options = readFsStageOptions(args, io.cwd ?? process.cwd());
	const incoming = io.stdinFd === undefined ? emptyPlan() : readPlanInput(io.stdinFd).plan;
	writePlan(applyFs(incoming, options, io.host ?? realFsHost(io.env), io.env), io.stdout);
	return 0;
}
