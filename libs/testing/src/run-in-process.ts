import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {type Host, type ToolIo, realHost} from '@vmspawn/host';

export type InProcessRun = {readonly status: number; readonly stdout: string; readonly stderr: string};

export type InProcessOptions = {
	/** Fed as stdin through a regular file, as `< plan.json` would; absent: no stdin. */
	readonly stdin?: string;
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
	/** The machine the tool sees; default this one. */
	readonly host?: Host;
};

/** Runs a tool's main() in this process with its output captured (for tests and embedding). */
export async function runInProcess(main: (io: ToolIo) => Promise<number>, options: InProcessOptions = {}): Promise<InProcessRun> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const text = {stdout: '', stderr: ''};
	stdout.on('data', chunk => {
		text.stdout += String(chunk);
	});
	stderr.on('data', chunk => {
		text.stderr += String(chunk);
	});
	const directory = options.stdin === undefined ? undefined : mkdtempSync(join(tmpdir(), 'vmspawn-stdin-'));
	let stdinFd: number | undefined;
	if (directory !== undefined) {
		writeFileSync(join(directory, 'stdin'), options.stdin!);
		stdinFd = openSync(join(directory, 'stdin'), 'r');
	}

	try {
		const status = await main({
			stdout,
			stderr,
			stdinFd,
			env: options.env ?? process.env,
			host: options.host ?? realHost,
			...(options.cwd ? {cwd: options.cwd} : {}),
		});
		return {status, ...text};
	} finally {
		if (stdinFd !== undefined) {
			closeSync(stdinFd);
		}

		if (directory !== undefined) {
			rmSync(directory, {recursive: true, force: true});
		}
	}
}
