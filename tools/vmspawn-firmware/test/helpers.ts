import {PassThrough} from 'node:stream';
import {text} from 'node:stream/consumers';
import {fileURLToPath} from 'node:url';
import {fakeHost} from '@vmspawn/testing';
import {main} from '../src/index.js';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const fixtureDirs = ['user', 'system'].map(name => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)));
export const fixtureEnv = {VMSPAWN_FIRMWARE_DIRS: fixtureDirs.join(':'), VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'};

export type Run = {status: number; stdout: string; stderr: string};

/** Runs main() in-process with collecting streams; no stdin unless a file descriptor is given. */
export async function run(argv: readonly string[], options: {env?: NodeJS.ProcessEnv; stdinFd?: number} = {}): Promise<Run> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const collected = Promise.all([text(stdout), text(stderr)]);
	let status: number;
	try {
		status = await main(argv, {stdout, stderr, stdinFd: options.stdinFd, env: options.env ?? fixtureEnv, host: fakeHost()});
	} finally {
		stdout.end();
		stderr.end();
	}

	const [out, err] = await collected;
	return {status, stdout: out, stderr: err};
}
