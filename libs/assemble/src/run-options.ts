import type {Tristate} from '@vmspawn/cli';
import type {FsOptions} from '@vmspawn/fs';
import type {Section} from '@vmspawn/plan';

/** vmspawn-run's options, already parsed and validated. */
export type RunOptions = {
	readonly machineName?: string;
	readonly uuid?: string;
	readonly cpus?: string;
	readonly ramBytes?: bigint;
	readonly kvm?: Tristate;
	readonly linux?: string;
	readonly initrds: readonly string[];
	readonly extraArgs: readonly string[];
	readonly console?: Section<'console'>['mode'];
	/** --firmware=PATH of a descriptor, or `none` for qemu's built-in BIOS. */
	readonly firmware?: string;
	readonly secureBoot?: Tristate;
	readonly firmwareFeatures?: readonly string[];
	readonly efiNvramState?: string;
	readonly vsock?: Tristate;
	readonly vsockCid?: number;
	/** -D, -i, --bind, --bind-ro, --private-users, --extra-drive, --discard-disk. */
	readonly fs?: FsOptions;
	readonly arch: string;
	/** Long names of the options the user gave, to detect conflicts with an incoming plan. */
	readonly given: ReadonlySet<string>;
};

/** Which options describe which section: giving one for a section that came in a plan is a conflict. */
export const optionsBySection: Readonly<Record<string, readonly string[]>> = {
	machine: ['machine', 'uuid', 'cpus', 'ram', 'kvm'],
	boot: ['linux', 'initrd'],
	console: ['console'],
	firmware: ['firmware', 'secure-boot', 'firmware-features', 'efi-nvram-state'],
	vsock: ['vsock', 'vsock-cid'],
	fs: ['directory', 'image', 'bind', 'bind-ro', 'private-users', 'extra-drive', 'discard-disk'],
};
