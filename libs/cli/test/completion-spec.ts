import type {ToolSpec} from '../src/index.js';

/** A tool with every kind of option the generators handle. */
export const exampleSpec: ToolSpec = {
	name: 'vmspawn-example',
	version: '1.2.3',
	summary: 'An example tool.',
	usage: ['[OPTIONS...] [COMMAND]'],
	options: [
		{name: 'machine', short: 'M', kind: 'value', valueName: 'NAME', description: 'Machine name'},
		{name: 'console', kind: 'value', valueName: 'MODE', description: 'Console [mode]: how it is shown', choices: ['interactive', 'read-only']},
		{name: 'kvm', kind: 'value', valueName: 'BOOL', description: 'Use KVM', choices: ['yes', 'no', 'auto']},
		{name: 'discard', kind: 'value', valueName: 'BOOL', description: 'Discard'},
		{name: 'plan', kind: 'value', valueName: 'FILE', description: 'Read the plan from FILE'},
		{name: 'directory', short: 'D', kind: 'value', valueName: 'PATH', description: 'Root directory', completion: {paths: 'directory'}},
		{
			name: 'firmware',
			kind: 'value',
			valueName: 'PATH',
			description: 'Descriptor; list: print the ones found',
			completion: {words: ['list'], listedBy: ['--firmware=list'], paths: 'file'},
		},
		{name: 'initrd', kind: 'value', multiple: true, valueName: 'PATH', description: "Initrd's path"},
		{name: 'port', short: 'p', kind: 'value', multiple: true, valueName: '[PROTO:]HOST[:GUEST]', description: 'Forward a port'},
		{name: 'dry-run', kind: 'switch', description: 'Print {"plan"} only'},
	],
	commands: [
		{name: 'select', description: 'Select: the default'},
		{name: 'list', description: 'List them'},
	],
};
