import type {ToolIo} from '@vmspawn/host';
import {type ParsedArgs, UsageError, switchValue} from '@vmspawn/cli';
import {formatVmTable, listRunningVms} from '@vmspawn/supervise';

// Everything else describes a VM to start, which --list does not.
const optionsWithList = new Set(['list', 'json', 'quiet', 'no-pager']);

/** --list: the VMs running for this user, as a table or (--json) an array of status documents. */
export function listVms(args: ParsedArgs, io: ToolIo): number {
	const other = [...args.values.keys()].find(name => !optionsWithList.has(name));
	if (other !== undefined) {
		throw new UsageError(`--list cannot be combined with --${other}`);
	}

	if (args.positional.length > 0) {
		throw new UsageError(`--list takes no arguments, got ${args.positional[0]}`);
	}

	const vms = listRunningVms(io.env);
	io.stdout.write(switchValue(args, 'json') ? `${JSON.stringify(vms, null, 2)}\n` : formatVmTable(vms));
	return 0;
}
