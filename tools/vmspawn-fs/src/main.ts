import {processIo, type ToolIo} from '@vmspawn/host';
import {parseToolArgs, readPlanInput, writePlan} from '@vmspawn/cli';
import {applyFs, fsHost} from '@vmspawn/fs';
import {readFsStageOptions} from './read-options.js';
import {spec} from './spec.js';

export async function main(argv: readonly string[], io: ToolIo = processIo): Promise<number> {
	const args = parseToolArgs(spec, argv, io.stdout);
	if (!args) {
		return 0;
	}

	const options = readFsStageOptions(args, io.cwd ?? process.cwd());
	const {plan: incoming} = await readPlanInput(io.stdinFd);
	writePlan(applyFs(incoming, options, fsHost(io.host, io.env), io.env), io.stdout);
	return 0;
}
