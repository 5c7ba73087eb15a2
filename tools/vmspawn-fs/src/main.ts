import {parseToolArgs, processIo, readPlanInput, type ToolIo, writePlan} from '@vmspawn/cli';
import {type FsHost, applyFs, realFsHost} from '@vmspawn/fs';
import {readFsStageOptions} from './read-options.js';
import {spec} from './spec.js';

/** `host` (virtiofsd and the tools it needs) is injectable so tests can describe a host. */
export async function main(argv: readonly string[], io: ToolIo = processIo, host?: FsHost): Promise<number> {
	const args = parseToolArgs(spec, argv, io.stdout);
	if (!args) {
		return 0;
	}

	const options = readFsStageOptions(args, io.cwd ?? process.cwd());
	const {plan: incoming} = await readPlanInput(io.stdinFd);
	writePlan(applyFs(incoming, options, host ?? realFsHost(io.env), io.env), io.stdout);
	return 0;
}
