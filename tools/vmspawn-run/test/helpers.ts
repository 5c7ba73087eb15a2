import {PassThrough} from 'node:stream';
import {type Io, main} from '../src/index.js';

/** Runs main() in-process with captured output and no stdin. */
export async function runMain(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{status: number; stdout: string; stderr: string}> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const chunks = {stdout: '', stderr: ''};
	stdout.on('data', chunk => {
		chunks.stdout += String(chunk);
	});
	stderr.on('data', chunk => {
		chunks.stderr += String(chunk);
	});
	const io: Io = {stdout, stderr, stdinFd: undefined, env};
	const status = await main(argv, io);
	return {status, ...chunks};
}
