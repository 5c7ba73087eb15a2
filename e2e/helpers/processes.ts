import {readFileSync, readdirSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

export type ProcessInfo = {readonly pid: number; readonly ppid: number; readonly cmdline: string};

/** The pids in /proc now, this test process left out. */
function otherPids(): number[] {
	return readdirSync('/proc')
		.filter(entry => /^\d+$/.test(entry))
		.map(Number)
		.filter(pid => pid !== process.pid);
}

/** A /proc/PID file, or undefined when the process ended while we looked (or is not ours to read). */
function procFile(pid: number, name: string): Buffer | undefined {
	try {
		return readFileSync(`/proc/${pid}/${name}`);
	} catch {
		return undefined;
	}
}

function commandLine(pid: number): string | undefined {
	return procFile(pid, 'cmdline')?.toString('utf8').replaceAll('\0', ' ').trim();
}

function processInfo(pid: number): ProcessInfo | undefined {
	// The command name in field 2 may hold blanks and parentheses: fields after the last ')' are safe.
	const stat = procFile(pid, 'stat')?.toString('utf8');
	const cmdline = commandLine(pid);
	if (stat === undefined || cmdline === undefined) {
		return undefined;
	}

	return {pid, ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), cmdline};
}

/** Every live process but this one, with its parent and command line. */
export function allProcesses(): ProcessInfo[] {
	return otherPids().flatMap(pid => processInfo(pid) ?? []);
}

/** The processes `pid` started itself (qemu and the helpers, for a vmspawn-run). */
export function childrenOf(pid: number): ProcessInfo[] {
	return allProcesses().filter(info => info.ppid === pid);
}

/** Processes whose command line mentions `needle` (e.g. a machine name or runtime directory), as "PID: cmdline". */
export function processesMentioning(needle: string): string[] {
	return allProcesses()
		.filter(info => info.cmdline.includes(needle))
		.map(info => `${info.pid}: ${info.cmdline}`);
}

/** The environment variable that marks a test's processes; children inherit it, whatever their command line. */
export const testTagVariable = 'VMSPAWN_E2E_TAG';

/** Processes (and their children, which inherit the environment) started with VMSPAWN_E2E_TAG=tag. */
export function processesTagged(tag: string): string[] {
	return otherPids().flatMap(pid => {
		const environ = procFile(pid, 'environ')?.toString('utf8').split('\0');
		return environ?.includes(`${testTagVariable}=${tag}`) ? [`${pid}: ${commandLine(pid) ?? ''}`] : [];
	});
}

/** Every process whose command line or environment contains `secret`, as "PID: where". */
export function processesExposing(secret: string): string[] {
	const needle = Buffer.from(secret);
	return otherPids().flatMap(pid => ['cmdline', 'environ'].filter(where => procFile(pid, where)?.includes(needle)).map(where => `${pid}: ${where}`));
}

/** Polls until `check` returns an empty list or the time is up; returns what is left. */
export async function waitUntilEmpty<T>(check: () => T[], timeoutMs = 15_000): Promise<T[]> {
	const deadline = Date.now() + timeoutMs;
	let left = check();
	while (left.length > 0 && Date.now() < deadline) {
		await delay(100);
		left = check();
	}

	return left;
}
