// Many VMs at once: N separate vmspawn-run processes started together, each booting the
// test guest to power-off. How long until all are done, and the peak memory of the
// vmspawn-run processes alone and with their qemus and helpers.
import {spawn} from 'node:child_process';
import {sampleLoad} from './load.js';
import {sampleTrees} from './tree-memory.js';

export type ScaleRun = {readonly seconds: number; readonly launcherMiB: number; readonly totalMiB: number; readonly hung: number};

/**
 * Starts the commands (argv lists) at once and waits for all; fails if one fails. A boot
 * still running after `timeoutMs` is stopped (SIGTERM) and counted as hung: with twenty
 * TCG guests on two cores a guest has been seen to idle forever instead of powering off.
 */
export async function bootTogether(
	argvs: ReadonlyArray<readonly string[]>,
	env: NodeJS.ProcessEnv,
	timeoutMs: number,
	log: (line: string) => void = () => undefined,
): Promise<ScaleRun> {
	const started = process.hrtime.bigint();
	const children = argvs.map(argv => spawn(argv[0]!, argv.slice(1), {stdio: ['ignore', 'pipe', 'pipe'], env}));
	// Every 0.5 s: walking /proc more often would take CPU from the VMs being timed.
	const memory = sampleTrees(
		children.map(child => child.pid!),
		500,
	);
	let hung = 0;
	const endings = children.map(
		async child =>
			new Promise<void>((resolve, reject) => {
				let stderr = '';
				// The guest's console (read-only mode writes it to stdout): what a hung guest said last tells why.
				let console = '';
				let stopped = false;
				const timer = setTimeout(() => {
					stopped = true;
					hung++;
					log(`bench: a boot still running after ${timeoutMs / 1000} s is stopped as hung; its console ended with:\n${console.slice(-1500)}`);
					child.kill('SIGTERM');
				}, timeoutMs);
				child.stderr!.on('data', (chunk: Buffer) => {
					stderr += chunk.toString();
				});
				child.stdout!.on('data', (chunk: Buffer) => {
					console = (console + chunk.toString()).slice(-4000);
				});
				child.once('close', code => {
					clearTimeout(timer);
					if (code === 0 || stopped) {
						resolve();
					} else {
						reject(new Error(`a concurrent boot failed (${code}): ${stderr.slice(-1000)}`));
					}
				});
			}),
	);
	try {
		await Promise.all(endings);
	} finally {
		sampleLoad();
	}

	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const {rootsMiB, totalMiB} = memory.stop();
	return {seconds, launcherMiB: rootsMiB, totalMiB, hung};
}
