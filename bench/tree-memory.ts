// Memory of many process trees at once (each vmspawn-run with its qemu and helpers).
// PSS, not RSS: twenty qemus and twenty Nodes share their program text, and RSS would
// count it twenty times.
import {readFileSync, readdirSync} from 'node:fs';

function readOr(path: string, fallback: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return fallback; // the process ended meanwhile
	}
}

/** Proportional set size of a process in MiB; 0 once it is gone. */
export function pssMiB(pid: number): number {
	const match = /^Pss:\s+(\d+) kB/m.exec(readOr(`/proc/${pid}/smaps_rollup`, ''));
	return Number(match?.[1] ?? 0) / 1024;
}

/** Parent pid of every process (this kernel has no /proc/PID/task/TID/children). */
function parents(): Map<number, number> {
	const result = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			// The command name in field 2 may hold spaces and parentheses: the fields after the last ')' are plain.
			const stat = readOr(`/proc/${entry}/stat`, '');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			result.set(Number(entry), ppid);
		}
	}

	return result;
}

/** The descendants of `roots` (not the roots themselves). */
export function descendants(roots: readonly number[]): number[] {
	const parentOf = parents();
	const inTree = new Set(roots);
	const found: number[] = [];
	let grew = true;
	while (grew) {
		grew = false;
		for (const [pid, ppid] of parentOf) {
			if (!inTree.has(pid) && inTree.has(ppid)) {
				inTree.add(pid);
				found.push(pid);
				grew = true;
			}
		}
	}

	return found;
}

/** Samples `roots` and their descendants every `everyMs` until stopped; returns the peaks of the sums. */
export function sampleTrees(roots: readonly number[], everyMs = 200): {stop(): {rootsMiB: number; totalMiB: number}} {
	let rootsPeak = 0;
	let totalPeak = 0;
	const sample = () => {
		const rootsNow = roots.reduce((sum, pid) => sum + pssMiB(pid), 0);
		const othersNow = descendants(roots).reduce((sum, pid) => sum + pssMiB(pid), 0);
		rootsPeak = Math.max(rootsPeak, rootsNow);
		totalPeak = Math.max(totalPeak, rootsNow + othersNow);
	};

	const timer = setInterval(sample, everyMs);
	return {
		stop() {
			clearInterval(timer);
			return {rootsMiB: rootsPeak, totalMiB: totalPeak};
		},
	};
}
