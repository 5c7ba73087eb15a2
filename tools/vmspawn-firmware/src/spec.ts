import {type ToolSpec, VERSION} from '@vmspawn/cli';
import {firmwareOptionDefs} from '@vmspawn/firmware';

export const spec: ToolSpec = {
	name: 'vmspawn-firmware',
	version: VERSION,
	summary: "Find UEFI firmware through QEMU firmware descriptors and write the plan's firmware section.",
	usage: ['[OPTIONS...] [select]', '[OPTIONS...] list [--json]', '[OPTIONS...] describe'],
	commands: [
		{name: 'select', description: 'Read a plan on stdin, write it with the firmware section (default)'},
		{name: 'list', description: 'Show every descriptor and whether it would be selected, or why not'},
		{name: 'describe', description: 'Print the selected descriptor as JSON'},
	],
	options: [
		...firmwareOptionDefs,
		{name: 'arch', kind: 'value', valueName: 'ARCH', description: 'QEMU architecture name', defaultText: "the plan's machine, else the host's"},
		{name: 'machine-type', kind: 'value', valueName: 'TYPE', description: 'QEMU machine type', defaultText: "the plan's machine, else q35 on x86, virt on ARM"},
		{
			name: 'machine',
			short: 'M',
			kind: 'value',
			valueName: 'NAME',
			description: 'Machine name, for the runtime directory',
			defaultText: "the plan's machine, else vmspawn",
		},
		{name: 'json', kind: 'switch', description: 'list: print JSON instead of a table'},
	],
};
