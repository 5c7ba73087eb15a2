import {type ParsedArgs, parseMachineName, stringValue, UsageError} from '@vmspawn/cli';
import type {Plan} from '@vmspawn/plan';
import {type VsockRequest, readVsockOptions} from '@vmspawn/vsock';

// -M follows the plan's rule for machine names, so the name it writes would also pass the machine stage.
/** The request for the vsock stage: options first, then what the incoming plan says. */
export function readVsockRequest(args: ParsedArgs, plan: Plan): VsockRequest {
	return {
		...readVsockOptions(args),
		name: parseMachineName(stringValue(args, 'machine')) ?? plan.machine?.name,
	};
}

/** The NAME of `derive NAME`, else -M. */
export function deriveName(args: ParsedArgs): string {
	const [, name, ...extra] = args.positional;
	if (extra.length > 0) {
		throw new UsageError(`derive takes one NAME, not ${args.positional.length - 1} arguments`);
	}

	const chosen = name ?? stringValue(args, 'machine');
	if (chosen === undefined || chosen === '') {
		throw new UsageError('derive needs a machine name: vmspawn-cid derive NAME');
	}

	return chosen;
}
