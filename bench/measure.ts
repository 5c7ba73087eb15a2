import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {sampleLoad} from './load.js';

export type Sample = {readonly median: number; readonly min: number; readonly max: number; readonly runs: number};

export function summarize(values: readonly number[]): Sample {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return {median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length};
}

export type Timing = {readonly wall: Sample; readonly cpu: Sample};

// bash's `time` reads getrusage(RUSAGE_CHILDREN): the CPU time of the command and every process it
// waited for, to the millisecond. On a machine others load, that is steadier than the wall time.
const timedShell = 'TIMEFORMAT="vmspawn-bench-cpu %3U %3S"; time /bin/sh -c "$1"';

/** Wall and CPU time (user + system, all its processes) of a shell command in seconds; fails loudly when it fails. */
export function timeCommand(command: string, env: NodeJS.ProcessEnv = process.env): {seconds: number; cpuSeconds: number} {
	const started = process.hrtime.bigint();
	const result = spawnSync('/bin/bash', ['-c', timedShell, 'bash', command], {stdio: ['ignore', 'ignore', 'pipe'], env});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	sampleLoad();
	const stderr = String(result.stderr);
	const cpu = /vmspawn-bench-cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(stderr);
	if (result.status !== 0 || !cpu) {
		throw new Error(`benchmark command failed (${result.status}): ${command}\n${stderr.slice(-2000)}`);
	}

	return {seconds, cpuSeconds: Number(cpu[1]) + Number(cpu[2])};
}

/**
 * Runs each variant `runs` times after one warm-up, interleaved (A B A B ...) so
 * both see the same machine noise, and summarizes their wall and CPU times.
 */
export function compare(variants: Record<string, string>, runs: number, env?: NodeJS.ProcessEnv): Record<string, Timing> {
	const times: Record<string, Array<{seconds: number; cpuSeconds: number}>> = Object.fromEntries(Object.keys(variants).map(name => [name, []]));
	for (const command of Object.values(variants)) {
		timeCommand(command, env);
	}

	for (let run = 0; run < runs; run++) {
		for (const [name, command] of Object.entries(variants)) {
			times[name]!.push(timeCommand(command, env));
		}
	}

	return Object.fromEntries(
		Object.entries(times).map(([name, values]) => [
			name,
			{wall: summarize(values.map(value => value.seconds)), cpu: summarize(values.map(value => value.cpuSeconds))},
		]),
	);
}

/** Peak resident memory (MiB) of a command's own process, sampled from /proc while it runs. */
export async function peakRss(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
	const child = spawn(argv[0]!, argv.slice(1), {stdio: 'ignore', env});
	let peak = 0;
	const sample = () => {
		try {
			const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
			peak = Math.max(peak, Number(hwm?.[1] ?? 0) / 1024);
		} catch {
			// Exited between samples.
		}
	};

	const timer = setInterval(sample, 50);
	await new Promise(resolve => child.once('exit', resolve));
	clearInterval(timer);
	return peak;
}
