import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {type Io, main} from '../src/index.js';

export type RunOptions = {
	/** Plan text fed on stdin (through a file, as a shell redirection would); absent: no stdin. */
	readonly stdin?: string;
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
};

/** Runs main() in-process with captured output. */
export async function runMain(argv: readonly string[], options: RunOptions = {}): Promise<{status: number; stdout: string; stderr: string}> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const chunks = {stdout: '', stderr: ''};
	stdout.on('data', chunk => {
		chunks.stdout += String(chunk);
	});
	stderr.on('data', chunk => {
		chunks.stderr += String(chunk);
	});
	let stdinFd: number | undefined;
	let directory: string | undefined;
	if (options.stdin !== undefined) {
		directory = mkdtempSync(join(tmpdir(), 'vmspawn-tpm-test-'));
		writeFileSync(join(directory, 'plan.json'), options.stdin);
		stdinFd = openSync(join(directory, 'plan.json'), 'r');
	}

	try {
		const io: Io = {stdout, stderr, stdinFd, env: options.env ?? {...process.env, VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'}, cwd: options.cwd ?? '/work/vms'};
		const status = await main(argv, io);
		return {status, ...chunks};
	} finally {
		if (stdinFd !== undefined) {
			closeSync(stdinFd);
		}

		if (directory) {
			rmSync(directory, {recursive: true, force: true});
		}
	}
}

/** Runs main() and decodes the plan it printed. */
export async function planOf(argv: readonly string[], options: RunOptions = {}): Promise<Record<string, any>> {
	const {status, stdout} = await runMain(argv, options);
	if (status !== 0 || !stdout.endsWith('}\n')) {
		throw new Error(`vmspawn-tpm ${argv.join(' ')} printed ${stdout}`);
	}

	return JSON.parse(stdout) as Record<string, any>;
}
