import type {VsockDevice} from '@vmspawn/host';
import {main} from '../src/index.js';
import {type InProcessRun, fakeHost, runInProcess} from '@vmspawn/testing';

export type Run = InProcessRun;

/** Runs main() in-process with captured output; `plan` is fed as stdin (a regular file, as with `< plan.json`). */
export async function runMain(argv: readonly string[], options: {device?: VsockDevice; plan?: unknown} = {}): Promise<Run> {
	return runInProcess(async io => main(argv, io), {
		...(options.plan === undefined ? {} : {stdin: JSON.stringify(options.plan)}),
		env: {},
		host: fakeHost(options.device ? {vsockDevice: options.device} : {}),
	});
}

export function planOf(run: Run): Record<string, any> {
	return JSON.parse(run.stdout) as Record<string, any>;
}
