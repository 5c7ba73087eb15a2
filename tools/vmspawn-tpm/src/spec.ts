import {type ToolSpec, VERSION} from '@vmspawn/cli';
import {tpmOptionDefs} from '@vmspawn/tpm';

export const spec: ToolSpec = {
	name: 'vmspawn-tpm',
	version: VERSION,
	summary: [
		'Adds a virtual TPM 2.0 (swtpm) to the plan read from stdin, or to a new plan, and writes the plan to stdout.',
		'Nothing is created or started now: vmspawn-run manufactures the TPM state with swtpm_setup when it does not',
		'exist yet (existing state is never overwritten), starts swtpm on a socket in the runtime directory, connects',
		'qemu to it, and stops swtpm with the VM. Ephemeral state is removed with the runtime directory.',
	].join('\n'),
	usage: ['[OPTIONS...] < PLAN > PLAN'],
	options: [
		...tpmOptionDefs,
		{
			name: 'machine',
			short: 'M',
			kind: 'value',
			valueName: 'NAME',
			description: 'Machine name, for a new runtime directory',
			defaultText: "the plan's machine name, else vm",
		},
		{
			name: 'image',
			short: 'i',
			kind: 'value',
			valueName: 'PATH',
			description: 'The root disk image, for --tpm-state=auto',
			defaultText: "the plan's fs.root image",
		},
	],
};
