import {main} from '../src/index.js';
import {type InProcessRun, runInProcess} from '@vmspawn/testing';

export type RunOptions = {
	/** Plan text fed on stdin (through a file, as a shell redirection would); absent: no stdin. */
	readonly stdin?: string;
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
};

/** Runs main() in-process with captured output. */
export async function runMain(argv: readonly string[], options: RunOptions = {}): Promise<InProcessRun> {
	return runInProcess(async io => main(argv, io), {
		...(options.stdin === undefined ? {} : {stdin: options.stdin}),
		env: options.env ?? {...process.env, VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'},
		cwd: options.cwd ?? '/work/vms',
	});
}

/** Runs main() and decodes the plan it printed. */
export async function planOf(argv: readonly string[], options: RunOptions = {}): Promise<Record<string, any>> {
	const {status, stdout} = await runMain(argv, options);
	if (status !== 0 || !stdout.endsWith('}\n')) {
		throw new Error(`vmspawn-tpm ${argv.join(' ')} printed ${stdout}`);
	}

	return JSON.parse(stdout) as Record<string, any>;
}
