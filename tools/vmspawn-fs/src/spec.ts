import {type ToolSpec, VERSION} from '@vmspawn/cli';
import {fsOptionDefs} from '@vmspawn/fs';

export const spec: ToolSpec = {
	name: 'vmspawn-fs',
	version: VERSION,
	summary:
		"Describe the guest's root (a directory shared over virtiofs, or a disk image), shared folders and extra drives: reads a plan on stdin, writes it with its fs section.",
	usage: ['[OPTIONS...]'],
	options: [
		...fsOptionDefs,
		{
			name: 'machine',
			short: 'M',
			kind: 'value',
			valueName: 'NAME',
			description: 'Machine name, used to name the runtime directory when the plan has none',
			defaultText: "the plan's machine name, else the root's name",
		},
	],
};
