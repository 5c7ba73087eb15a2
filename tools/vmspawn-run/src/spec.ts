import {type OptionDef, type ToolSpec, VERSION} from '@vmspawn/cli';
import {credentialOptionDefs} from '@vmspawn/credentials';
import {firmwareOptionDefs} from '@vmspawn/firmware';
import {fsOptionDefs} from '@vmspawn/fs';
import {networkOptionDefs} from '@vmspawn/network';
import {registerOptionDefs, scopeOptionDefs} from '@vmspawn/register';
import {journalOptionDefs} from '@vmspawn/journal';
import {sshOptionDefs} from '@vmspawn/ssh';
import {tpmOptionDefs} from '@vmspawn/tpm';
import {vsockOptionDefs} from '@vmspawn/vsock';
import {ConsoleMode, ConsoleTransport} from '@vmspawn/plan';

// vmspawn-run's --firmware also takes bios and none: it knows whether there is a kernel to boot.
const firmwareOption: OptionDef = {
	name: 'firmware',
	kind: 'value',
	valueName: 'PATH',
	description:
		"Firmware descriptor to use (absolute or ./relative); auto, uefi: the first matching UEFI descriptor; bios: qemu's built-in BIOS (SeaBIOS, x86); none: boot --linux without firmware; describe: print the selected descriptor as JSON; list: print the descriptors found",
	defaultText: 'auto',
	completion: {words: ['auto', 'uefi', 'bios', 'none', 'describe', 'list'], listedBy: ['--firmware=list'], paths: 'file'},
};

export const spec: ToolSpec = {
	name: 'vmspawn-run',
	version: VERSION,
	summary: 'Boot a virtual machine with qemu, from options or from a plan on stdin, and supervise it until it exits.',
	usage: [
		'[OPTIONS...] [ARGS...]',
		'--plan=FILE [OPTIONS...] [ARGS...]',
		'--dry-run [OPTIONS...] [ARGS...]',
		'--check [--json] [OPTIONS...]',
		'--list [--json]',
	],
	stopAtFirstPositional: true,
	options: [
		{
			name: 'machine',
			short: 'M',
			kind: 'value',
			valueName: 'NAME',
			description: 'Machine name; without --image= and --directory=, boot its image NAME.raw or directory NAME from /var/lib/machines and the like',
			defaultText: 'derived from the image or directory, else the host name',
		},
		{name: 'uuid', kind: 'value', valueName: 'UUID', description: 'Machine UUID (32 hex digits or 8-4-4-4-12)'},
		{name: 'cpus', kind: 'value', valueName: 'CPUS', description: 'Number of CPUs, passed to qemu -smp', defaultText: '1'},
		{
			name: 'ram',
			kind: 'value',
			valueName: 'BYTES[:MAXBYTES[:SLOTS]]',
			description: 'Memory, with K, M, G, ... suffixes (base 1024); MAXBYTES and SLOTS allow hot-plugging memory up to MAXBYTES in SLOTS DIMMs (default 1)',
			defaultText: '2G',
		},
		{
			name: 'kvm',
			kind: 'value',
			valueName: 'BOOL',
			description: 'Use KVM; auto uses it only where it can run ordinary guests',
			defaultText: 'auto',
			choices: ['yes', 'no', 'auto'],
		},
		...firmwareOptionDefs.map(option => (option.name === 'firmware' ? firmwareOption : option)),
		...vsockOptionDefs,
		...tpmOptionDefs,
		...networkOptionDefs,
		...credentialOptionDefs,
		...journalOptionDefs,
		...sshOptionDefs,
		...registerOptionDefs,
		...scopeOptionDefs,
		...fsOptionDefs,
		{name: 'linux', kind: 'value', valueName: 'PATH', description: 'Kernel for a direct boot'},
		{name: 'initrd', kind: 'value', multiple: true, valueName: 'PATH', description: 'Initrd for a direct boot; repeat to concatenate several'},
		{
			name: 'smbios11',
			short: 's',
			kind: 'value',
			multiple: true,
			valueName: 'STRING',
			description: 'Pass an SMBIOS type 11 string to the guest (UTF-8); repeat for several',
		},
		{
			name: 'console',
			kind: 'value',
			valueName: 'MODE',
			description: 'How the guest console is shown',
			defaultText: 'interactive',
			choices: ConsoleMode.options,
		},
		{
			name: 'console-transport',
			kind: 'value',
			valueName: 'TRANSPORT',
			description: "The guest's console device: virtio (hvc0) or serial (ttyS0, ttyAMA0 on arm; for guests without a virtio console driver)",
			defaultText: 'virtio',
			choices: ConsoleTransport.options,
		},
		{
			name: 'notify-ready',
			kind: 'value',
			valueName: 'BOOL',
			description: 'Tell our service manager READY=1 when the guest says it is ready (yes) or once qemu runs (no)',
			defaultText: 'yes',
			choices: ['yes', 'no'],
		},
		{
			name: 'background',
			kind: 'value',
			valueName: 'SGR',
			description: 'Tint the terminal background with this SGR color while the VM runs (e.g. 48;2;0;32;0); empty: no tint',
			defaultText: 'no tint',
		},
		{name: 'plan', kind: 'value', valueName: 'FILE', description: 'Read the plan from FILE (- for stdin) instead of stdin'},
		{name: 'dry-run', kind: 'switch', description: 'Print {"plan", "perRun", "argv", "helpers"} as JSON and start nothing; the plan replays with --plan=FILE'},
		{
			name: 'check',
			kind: 'switch',
			description:
				'Run every preflight check of the planned run (binaries and versions, files, socket paths, runtime directory, accelerator, vsock, image lock) without booting; exit 1 if one fails',
		},
		{name: 'list', kind: 'switch', description: 'List the VMs running for this user and exit'},
		{
			name: 'json',
			kind: 'switch',
			description: 'With --list: print a JSON array of status documents instead of a table; with --check: a JSON array of the checks',
		},
	],
};
