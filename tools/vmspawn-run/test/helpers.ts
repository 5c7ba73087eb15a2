import {type InProcessRun, runInProcess} from '@vmspawn/cli';
import {main} from '../src/index.js';

/** Runs main() in-process with captured output and no stdin. */
export async function runMain(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<InProcessRun> {
	return runInProcess(async io => main(argv, io), {env});
}
