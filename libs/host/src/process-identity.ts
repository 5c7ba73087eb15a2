import {readFileSync} from 'node:fs';

/**
 * A process told apart from a later one that reuses its pid: the kernel's start
 * time (clock ticks after boot, field 22 of /proc/PID/stat) never repeats for a pid.
 */
export type ProcessIdentity = {readonly pid: number; readonly startTime: number};

type ProcStat = {readonly state: string; readonly startTime: number};

// The command name (field 2) may hold blanks and parentheses, so fields are counted after its last ')'.
export function parseProcStat(text: string): ProcStat | undefined {
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
	const startTime = Number(fields[19]);
	const state = fields[0];
	return state && Number.isSafeInteger(startTime) ? {state, startTime} : undefined;
}

function readProcStat(pid: number): ProcStat | 'gone' | 'unreadable' {
	try {
		return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')) ?? 'unreadable';
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
	}
}

function signalZeroSucceeds(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The start time of a running process, undefined when it is gone (or /proc cannot tell). */
export function processStartTime(pid: number): number | undefined {
	const stat = readProcStat(pid);
	return typeof stat === 'object' ? stat.startTime : undefined;
}

export function currentProcessIdentity(): ProcessIdentity {
	const startTime = processStartTime(process.pid);
	if (startTime === undefined) {
		throw new Error("cannot read this process's start time from /proc/self/stat");
	}

	return {pid: process.pid, startTime};
}

/**
 * Whether the process still runs: its pid exists, is not a zombie, and, when the
 * start time is known, started then (so a reused pid does not count).
 */
export function isProcessRunning(target: {readonly pid: number; readonly startTime?: number | undefined}): boolean {
	if (!Number.isInteger(target.pid) || target.pid <= 0) {
		return false;
	}

	const stat = readProcStat(target.pid);
	if (stat === 'gone') {
		return false;
	}

	if (stat === 'unreadable') {
		// /proc hidden (hidepid) or odd: all that can be said is whether the pid exists.
		return signalZeroSucceeds(target.pid);
	}

	return stat.state !== 'Z' && (target.startTime === undefined || target.startTime === stat.startTime);
}
