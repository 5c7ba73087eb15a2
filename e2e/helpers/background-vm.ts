import {setTimeout as delay} from 'node:timers/promises';
import {execa} from 'execa';
import {toolPath} from './tools.js';

function launch(args: readonly string[], env: NodeJS.ProcessEnv) {
	return execa('node', [toolPath('vmspawn-run'), ...args], {reject: false, stdin: 'ignore', env: {...process.env, ...env}});
}

export type BackgroundVm = {
	readonly run: ReturnType<typeof launch>;
	/** The console output so far. */
	output(): string;
	/** Resolves once the guest has printed `marker` on its console; rejects if vmspawn-run ends first. */
	waitFor(marker: string, timeoutMs?: number): Promise<void>;
};

/** A vmspawn-run in the background, for tests that do something to it while its guest runs. */
export function startVm(args: readonly string[], env: NodeJS.ProcessEnv = {}): BackgroundVm {
	const run = launch(args, env);
	let output = '';
	run.stdout.on('data', (chunk: Uint8Array) => {
		output += Buffer.from(chunk).toString('utf8');
	});
	let ended = false;
	void run.then(() => {
		ended = true;
	});
	return {
		run,
		output: () => output,
		async waitFor(marker, timeoutMs = 240_000) {
			const deadline = Date.now() + timeoutMs;
			while (!output.includes(marker)) {
				if (ended) {
					const result = await run;
					throw new Error(`vmspawn-run ended (status ${result.exitCode}) before the guest printed ${marker}:\n${result.stderr}\n${output.slice(-2000)}`);
				}

				if (Date.now() > deadline) {
					throw new Error(`timed out waiting for the guest to print ${marker}; console so far:\n${output.slice(-2000)}`);
				}

				await delay(100);
			}
		},
	};
}

/**
 * Starts vmspawn-run and resolves once the guest printed `marker` on its console (or
 * vmspawn-run ended first), with vmspawn-run's stderr so far: the login line is there.
 */
export async function startUntilMarker(args: readonly string[], marker: string) {
	const run = execa('node', [toolPath('vmspawn-run'), ...args], {reject: false, stdin: 'ignore'});
	let stderr = '';
	run.stderr?.on('data', (chunk: Buffer) => {
		stderr += String(chunk);
	});
	const ready = new Promise<void>(resolve => {
		run.stdout?.on('data', (chunk: Buffer) => {
			if (String(chunk).includes(marker)) {
				resolve();
			}
		});
	});
	await Promise.race([ready, run]);
	return {run, stderr: () => stderr};
}

/** The words of the "log into the guest with: ssh ..." line vmspawn-run printed, if any. */
export function printedSshCommand(stderr: string): string[] | undefined {
	return /log into the guest with: (ssh .*)$/m.exec(stderr)?.[1]?.split(' ');
}
