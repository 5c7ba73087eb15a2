import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import type {VsockDevice} from '@vmspawn/vsock';
import {type Io, main} from '../src/index.js';

export type Run = {status: number; stdout: string; stderr: string};

/** Runs main() in-process with captured output; `plan` is fed as stdin (a regular file, as with `< plan.json`). */
export async function runMain(argv: readonly string[], options: {device?: VsockDevice; plan?: unknown} = {}): Promise<Run> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const chunks = {stdout: '', stderr: ''};
	stdout.on('data', chunk => {
		chunks.stdout += String(chunk);
	});
	stderr.on('data', chunk => {
		chunks.stderr += String(chunk);
	});
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-cid-test-'));
	let stdinFd: number | undefined;
	if (options.plan !== undefined) {
		writeFileSync(join(directory, 'plan.json'), JSON.stringify(options.plan));
		stdinFd = openSync(join(directory, 'plan.json'), 'r');
	}

	try {
		const io: Io = {stdout, stderr, stdinFd, env: {}};
		const status = await main(argv, io, options.device);
		return {status, ...chunks};
	} finally {
		if (stdinFd !== undefined) {
			closeSync(stdinFd);
		}

		rmSync(directory, {recursive: true, force: true});
	}
}

export function planOf(run: Run): Record<string, any> {
	return JSON.parse(run.stdout) as Record<string, any>;
}
