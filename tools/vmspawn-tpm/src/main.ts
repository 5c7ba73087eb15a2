import {UsageError, parseArgs, readPlanInput, standardOutput, writePlan} from '@vmspawn/cli';
import {emptyPlan} from '@vmspawn/plan';
import {addTpmSection} from '@vmspawn/tpm';
import {readTpmStageOptions} from './read-options.js';
import {spec} from './spec.js';

export type Io = {
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	/** Where the incoming plan is read from; undefined: start from an empty plan. */
	readonly stdinFd: number | undefined;
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string;
};

const processIo: Io = {stdout: process.stdout, stderr: process.stderr, stdinFd: 0, env: process.env, cwd: process.cwd()};

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
	const args = parseArgs(spec, argv);
	const standard = standardOutput(spec, args);
	if (standard !== undefined) {
		io.stdout.write(standard);
		return 0;
	}

	if (args.positional.length > 0) {
		throw new UsageError(`unexpected argument ${args.positional[0]!}`);
	}

	const options = readTpmStageOptions(args, io.env, io.cwd);
	const incoming = io.stdinFd === undefined ? emptyPlan() : readPlanInput(io.stdinFd).plan;
	writePlan(await addTpmSection(incoming, options), io.stdout);
	return 0;
}
