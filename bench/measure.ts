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

/** Wall time of a shell command in seconds; fails loudly when the command fails. */
export function timeCommand(command: string, env: NodeJS.ProcessEnv = process.env): number {
	const started = process.hrtime.bigint();
	const result = spawnSync('/bin/sh', ['-c', command], {stdio: ['ignore', 'ignore', 'pipe'], env});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	sampleLoad();
	if (result.status !== 0) {
		throw new Error(`benchmark command failed (${result.status}): ${command}\n${String(result.stderr).slice(-2000)}`);
	}

	return seconds;
}

/**
 * Runs each variant `runs` times after one warm-up, interleaved (A B A B ...) so
 * both see the same machine noise, and summarizes their wall times.
 */
export function compare(variants: Record<string, string>, runs: number, env?: NodeJS.ProcessEnv): Record<string, Sample> {
	const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map(name => [name, []]));
	for (const command of Object.values(variants)) {
		timeCommand(command, env);
	}

	for (let run = 0; run < runs; run++) {
		for (const [name, command] of Object.entries(variants)) {
			times[name]!.push(timeCommand(command, env));
		}
	}

	return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, summarize(values)]));
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
