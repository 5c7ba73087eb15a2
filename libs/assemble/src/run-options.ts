import type {Tristate} from '@vmspawn/cli';
import type {FirmwareOptions} from '@vmspawn/firmware';
import type {FsOptions} from '@vmspawn/fs';
import type {JournalLimits} from '@vmspawn/journal';
import type {NetworkOptions} from '@vmspawn/network';
import type {QemuArch, Section} from '@vmspawn/plan';
import type {SshOptions} from '@vmspawn/ssh';
import type {TpmOptions} from '@vmspawn/tpm';
import type {VsockOptions} from '@vmspawn/vsock';

/** vmspawn-run's options, already parsed and validated; each stage's options as that stage reads them. */
export type RunOptions = {
	readonly machineName?: string;
	readonly uuid?: string;
	readonly cpus?: string;
	readonly ramBytes?: bigint;
	/** Memory hotplug (--ram=BYTES:MAXBYTES[:SLOTS]). */
	readonly ramMaxBytes?: bigint;
	readonly ramSlots?: number;
	readonly kvm?: Tristate;
	readonly linux?: string;
	readonly initrds: readonly string[];
	readonly extraArgs: readonly string[];
	/** -s/--smbios11 strings, in order. */
	readonly smbios11?: readonly string[];
	readonly console?: Section<'console'>['mode'];
	/** --console-transport=virtio|serial. */
	readonly consoleTransport?: Section<'console'>['transport'];
	/** --firmware may also be `none`: qemu's built-in BIOS for a direct kernel boot. */
	readonly firmware?: FirmwareOptions;
	readonly vsock?: VsockOptions;
	readonly tpm?: TpmOptions;
	readonly fs?: FsOptions;
	readonly network?: NetworkOptions;
	/** --forward-journal=, made absolute. */
	readonly forwardJournal?: string;
	/** --forward-journal-max-use= and the others, for systemd-journal-remote. */
	readonly forwardJournalLimits?: JournalLimits;
	/** --pass-ssh-key, --ssh-key-type; without them no key is made (library callers). */
	readonly ssh?: SshOptions;
	readonly arch: QemuArch;
	/** Long names of the options the user gave, to detect conflicts with an incoming plan. */
	readonly given: ReadonlySet<string>;
};

/** Which options describe which section: giving one for a section that came in a plan is a conflict. */
export const optionsBySection: Readonly<Record<string, readonly string[]>> = {
	machine: ['machine', 'uuid', 'cpus', 'ram', 'kvm'],
	boot: ['linux', 'initrd', 'smbios11'],
	console: ['console', 'console-transport'],
	firmware: ['firmware', 'secure-boot', 'firmware-features', 'efi-nvram-template', 'efi-nvram-state'],
	vsock: ['vsock', 'vsock-cid'],
	tpm: ['tpm', 'tpm-state'],
	credentials: ['set-credential', 'load-credential'],
	ssh: ['pass-ssh-key', 'ssh-key-type'],
	journal: ['forward-journal', 'forward-journal-max-use', 'forward-journal-keep-free', 'forward-journal-max-file-size', 'forward-journal-max-files'],
	network: ['network-tap', 'network-user-mode', 'port'],
	fs: [
		'directory',
		'image',
		'image-format',
		'image-disk-type',
		'grow-image',
		'ephemeral',
		'bind',
		'bind-ro',
		'bind-user',
		'bind-user-shell',
		'bind-user-group',
		'private-users',
		'extra-drive',
		'discard-disk',
	],
};
