import {type ToolSpec, VERSION} from '@vmspawn/cli';
import {vsockOptionDefs} from '@vmspawn/vsock';

export const spec: ToolSpec = {
	name: 'vmspawn-cid',
	version: VERSION,
	summary: "Pick the guest's vsock CID and write the plan's vsock section (the plan comes on stdin when it is not a terminal).",
	usage: ['[OPTIONS...]', 'derive [NAME]'],
	options: [
		...vsockOptionDefs,
		{
			name: 'machine',
			short: 'M',
			kind: 'value',
			valueName: 'NAME',
			description: 'Machine name the CID is derived from',
			defaultText: "the incoming plan's machine.name",
		},
	],
	commands: [{name: 'derive', description: 'Print the 64 CIDs derived from NAME (default: -M), in the order they are tried'}],
};
