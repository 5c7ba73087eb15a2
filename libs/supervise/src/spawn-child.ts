import {type ChildProcess, type StdioOptions, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';

// util-linux setpriv sets a parent-death signal before exec'ing the program, so qemu
// and every helper die with vmspawn-run even when it is killed with SIGKILL.
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find(path => existsSync(path));

export type ChildSpec = {
	readonly argv: readonly string[];
	readonly stdio: StdioOptions;
	readonly env?: NodeJS.ProcessEnv;
};

/** How a child ended: its exit status, or the signal that killed it. */
export type ChildEnd = {readonly code: number | null; readonly signal: NodeJS.Signals | null};

/** A child vmspawn-run started and will stop. */
export type RunningChild = {
	readonly child: ChildProcess;
	readonly exited: Promise<ChildEnd>;
	/** Stops relaying its stderr: called once vmspawn-run has decided to stop it, whose last words are noise. */
	readonly silence?: () => void;
};

export function spawnChild(spec: ChildSpec): ChildProcess {
	const [program, ...args] = spec.argv;
	if (program === undefined) {
		throw new Error('empty command');
	}

	const command = setpriv ? [setpriv, '--pdeathsig', 'KILL', '--', program, ...args] : [program, ...args];
	return spawn(command[0]!, command.slice(1), {stdio: spec.stdio, env: spec.env ?? process.env});
}

/** Resolves when the child has exited, with how it ended. */
export function childExit(child: ChildProcess): Promise<ChildEnd> {
	return new Promise(resolve => {
		if (child.exitCode !== null || child.signalCode !== null) {
			resolve({code: child.exitCode, signal: child.signalCode});
			return;
		}

		child.once('exit', (code, signal) => {
			resolve({code, signal});
		});
	});
}

/** Resolves when the child could be started, rejects with the spawn error (e.g. ENOENT). */
export function childStarted(child: ChildProcess): Promise<void> {
	return new Promise((resolve, reject) => {
		child.once('spawn', resolve);
		child.once('error', reject);
	});
}
