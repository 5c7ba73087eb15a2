import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import type {ExecutionContext} from 'ava';
import type {FsHost} from '@vmspawn/fs';
import {type Io, main} from '../src/index.js';

/** A host with the C virtiofsd as Debian bookworm has it; nothing is run. */
export const bookwormHost: FsHost = {
	virtiofsd: () => ({path: '/usr/lib/qemu/virtiofsd', features: {flavour: 'c', readOnly: false, translateIds: false, namespaceIdMap: false, noAnnounceSubmounts: false}}),
	readOnlyTools: () => ({unshare: '/usr/bin/unshare', mount: '/usr/bin/mount', shell: '/bin/sh'}),
	asRoot: true,
};

export function tempDir(t: ExecutionContext): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-fs-tool-'));
	t.teardown(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	return directory;
}

/** Runs main() in-process with captured output; `stdin` is given as a file, as a shell redirect would. */
export async function runMain(t: ExecutionContext, argv: readonly string[], options: {stdin?: string; cwd?: string} = {}): Promise<{status: number; stdout: string; stderr: string}> {
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
	if (options.stdin !== undefined) {
		const file = join(tempDir(t), 'plan.json');
		writeFileSync(file, options.stdin);
		stdinFd = openSync(file, 'r');
	}

	try {
		const io: Io = {stdout, stderr, stdinFd, env: {VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'}, host: bookwormHost, ...(options.cwd ? {cwd: options.cwd} : {})};
		const status = await main(argv, io);
		return {status, ...chunks};
	} finally {
		if (stdinFd !== undefined) {
			closeSync(stdinFd);
		}
	}
}
