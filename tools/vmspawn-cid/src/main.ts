import {withSection} from '@vmspawn/plan';
import {parseToolArgs, processIo, readPlanInput, type ToolIo, UsageError, writePlan} from '@vmspawn/cli';
import {type VsockDevice, deriveCids, hostVsockDevice, planVsock} from '@vmspawn/vsock';
import {deriveName, readVsockRequest} from './read-options.js';
import {spec} from './spec.js';

/** `device` is injectable so tests can use an imitation; by default the host's /dev/vhost-vsock. */
export async function main(argv: readonly string[], io: ToolIo = processIo, device?: VsockDevice): Promise<number> {
	const args = parseToolArgs(spec, argv, io.stdout);
	if (!args) {
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

	const {plan} = await readPlanInput(io.stdinFd);
	const section = await planVsock(readVsockRequest(args, plan), device ?? hostVsockDevice(io.env));
	writePlan(withSection(plan, 'vsock', section), io.stdout);
	return 0;
}
