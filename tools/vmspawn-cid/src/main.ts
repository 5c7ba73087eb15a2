import {closeSync} from 'node:fs';
import {adoptListenFds, processIo, type ToolIo} from '@vmspawn/host';
import {withSection} from '@vmspawn/plan';
import {createLogger, parseToolArgs, readPlanInput, switchValue, UsageError, writePlan} from '@vmspawn/cli';
import {deriveCids, planVsock} from '@vmspawn/vsock';
import {deriveName, readVsockRequest} from './read-options.js';
import {spec} from './spec.js';

export async function main(argv: readonly string[], io: ToolIo = processIo): Promise<number> {
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

	// fds from a service manager: a vhost-vsock one is used, others closed with a warning.
	const passed = adoptListenFds(io.env);
	const warnings =
		passed.kvm === undefined ? passed.warnings : [...passed.warnings, `fd ${passed.kvm} (kvm) is of no use to ${spec.name} (vmspawn-run takes it); closing it`];
	if (passed.kvm !== undefined) {
		closeSync(passed.kvm);
	}

	const log = createLogger(spec.name, switchValue(args, 'quiet'), io.stderr);
	for (const warning of warnings) {
		log.warn(warning);
	}

	const {plan} = await readPlanInput(io.stdinFd);
	const section = await planVsock(readVsockRequest(args, plan), io.host.vsockDevice(io.env));
	writePlan(withSection(plan, 'vsock', section), io.stdout);
	return 0;
}
