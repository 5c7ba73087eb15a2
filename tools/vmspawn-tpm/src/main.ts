import {processIo, type ToolIo} from '@vmspawn/host';
import {parseToolArgs, readPlanInput, UsageError, writePlan} from '@vmspawn/cli';
import {addTpmSection, tpmHost} from '@vmspawn/tpm';
import {readTpmStageOptions} from './read-options.js';
import {spec} from './spec.js';

export async function main(argv: readonly string[], io: ToolIo = processIo): Promise<number> {
	const args = parseToolArgs(spec, argv, io.stdout);
	if (!args) {
		return 0;
	}

	if (args.positional.length > 0) {
		throw new UsageError(`unexpected argument ${args.positional[0]!}`);
	}

	const options = readTpmStageOptions(args, io.env, io.cwd ?? process.cwd());
	const {plan: incoming} = await readPlanInput(io.stdinFd);
	writePlan(await addTpmSection(incoming, options, tpmHost(io.host, io.env)), io.stdout);
	return 0;
}
