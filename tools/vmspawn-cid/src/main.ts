import {type Plan, emptyPlan, withSection} from '@vmspawn/plan';
import {UsageError, parseArgs, readPlanInput, standardOutput, writePlan} from '@vmspawn/cli';
import {type VsockDevice, deriveCids, hostVsockDevice, planVsock} from '@vmspawn/vsock';
import {deriveName, readVsockRequest} from './read-options.js';
import {spec} from './spec.js';

export type Io = {
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	readonly stdinFd: number | undefined;
	readonly env: NodeJS.ProcessEnv;
};

const processIo: Io = {stdout: process.stdout, stderr: process.stderr, stdinFd: 0, env: process.env};

function incomingPlan(stdinFd: number | undefined): Plan {
	return stdinFd === undefined ? emptyPlan() : readPlanInput(stdinFd).plan;
}

/** `device` is injectable so tests can use an imitation; by default the host's /dev/vhost-vsock. */
export async function main(argv: readonly string[], io: Io = processIo, device?: VsockDevice): Promise<number> {
	const args = parseArgs(spec, argv);
	const standard = standardOutput(spec, args);
	if (standard !== undefined) {
		io.stdout.write(standard);
		return 0;
	}

	const [command] = args.positional;
	if (command === 'derive') {
		io.stdout.write(`${deriveCids(deriveName(args)).join('\n')}\n`);
		return 0;
	}

	if (command !== undefined) {
		throw new UsageError(`unknown command ${command} (the only command is derive)`);
	}

	const plan = incomingPlan(io.stdinFd);
	const section = await planVsock(readVsockRequest(args, plan), device ?? hostVsockDevice(io.env));
	writePlan(withSection(plan, 'vsock', section), io.stdout);
	return 0;
}
