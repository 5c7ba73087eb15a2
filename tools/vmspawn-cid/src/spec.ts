import {type ToolSpec, VERSION} from '@vmspawn/cli';

export const spec: ToolSpec = {
	name: 'vmspawn-cid',
	version: VERSION,
	summary: "Pick the guest's vsock CID and write the plan's vsock section (the plan comes on stdin when it is not a terminal).",
	usage: ['[OPTIONS...]', 'derive [NAME]'],
	options: [
		{name: 'vsock', kind: 'value', valueName: 'BOOL', description: 'Give the guest a vsock device; auto uses it where /dev/vhost-vsock opens', defaultText: 'auto', choices: ['yes', 'no', 'auto']},
		{name: 'vsock-cid', kind: 'value', valueName: 'CID', description: 'The guest CID, 3..4294967294; empty or absent: derived from the machine name, else random'},
		{name: 'machine', short: 'M', kind: 'value', valueName: 'NAME', description: 'Machine name the CID is derived from', defaultText: "the incoming plan's machine.name"},
	],
	commands: [
		{name: 'derive', description: 'Print the 64 CIDs derived from NAME (default: -M), in the order they are tried'},
	],
};
