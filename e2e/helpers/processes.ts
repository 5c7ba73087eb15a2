import {readFileSync, readdirSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

export type ProcessInfo = {readonly pid: number; readonly ppid: number; readonly cmdline: string};

function processInfo(pid: number): ProcessInfo | undefined {
	try {
		// The command name in field 2 may hold blanks and parentheses: fields after the last ')' are safe.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
		return {pid, ppid, cmdline};
	} catch {
		return undefined; // It ended while we looked.
	}
}

/** Every live process, with its parent and command line. */
export function allProcesses(): ProcessInfo[] {
	return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).flatMap(entry => processInfo(Number(entry)) ?? []);
}

/** The processes `pid` started itself (qemu and the helpers, for a vmspawn-run). */
export function childrenOf(pid: number): ProcessInfo[] {
	return allProcesses().filter(info => info.ppid === pid);
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
