import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {AbsolutePath, HelperProcess} from '../common.js';

/** Disk image formats qemu is told about: the user's choice (raw by default), never read from the disk. */
export const diskFormatNames = ['raw', 'qcow2'] as const;
export const DiskFormat = lazySchema(() => z.enum(diskFormatNames));
export type DiskFormat = z.infer<typeof DiskFormat>;

/** How a disk appears to the guest (--image-disk-type=, --extra-drive=DISKTYPE:), as upstream 261. */
export const diskTypeNames = ['virtio-blk', 'virtio-scsi', 'nvme', 'scsi-cd'] as const;
export const DiskType = lazySchema(() => z.enum(diskTypeNames));
export type DiskType = z.infer<typeof DiskType>;

/** --ephemeral: the guest writes to a qcow2 overlay in the run directory, backed by the image. */
export const EphemeralOverlay = lazySchema(() =>
	z.looseObject({
		overlay: AbsolutePath,
	}),
);

// qemu's vhost-user-fs-pci limits the tag to 36 bytes; it also names the chardev.
const VirtiofsTag = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{1,36}$/, {error: 'expected a tag of 1-36 letters, digits, - or _'}));

/** A virtiofsd that vmspawn-run starts; qemu connects to its socket. */
export const VirtiofsShare = lazySchema(() =>
	z.looseObject({
		/** The vhost-user socket the helper listens on (inside the runtime directory). */
		socket: AbsolutePath,
		helper: HelperProcess,
	}),
);
export type VirtiofsShare = z.infer<typeof VirtiofsShare>;

/** --private-users=: guest ids 0..range-1 are host ids shift..shift+range-1. */
export const IdMapping = lazySchema(() =>
	z.looseObject({
		shift: z.number().int().min(0).max(4294967294),
		range: z.number().int().min(1).max(4294967295),
	}),
);
export type IdMapping = z.infer<typeof IdMapping>;

/**
 * --ephemeral with a directory root: the guest gets a copy made beside the directory
 * (`.#vmspawn.NAME.<16 hex>`, reflinked where the file system can), which virtiofsd
 * shares instead; vmspawn-run makes it before the helpers start and removes it at exit.
 */
export const EphemeralCopy = lazySchema(() =>
	z.looseObject({
		copy: AbsolutePath,
	}),
);

export const DirectoryRoot = lazySchema(() =>
	z.looseObject({
		kind: z.literal('directory'),
		path: AbsolutePath,
		tag: z.literal('root'),
		share: VirtiofsShare,
		privateUsers: IdMapping.optional(),
		/** --ephemeral: the directory stays untouched, the guest works on the copy. */
		ephemeral: EphemeralCopy.optional(),
	}),
);

export const ImageRoot = lazySchema(() =>
	z.looseObject({
		kind: z.literal('image'),
		path: AbsolutePath,
		format: DiskFormat,
		/** A block device rather than a regular file. */
		blockDevice: z.boolean(),
		/** qemu passes the guest's discard requests on to the image. */
		discard: z.boolean(),
		/** virtio-blk when absent (plans from before disk types). */
		diskType: DiskType.optional(),
		/** --grow-image=: the raw file is grown to this many bytes (a multiple of 4096) before boot. */
		growTo: z.number().int().positive().multipleOf(4096).optional(),
		/** --ephemeral: the image stays untouched, the guest's writes go to the overlay. */
		ephemeral: EphemeralOverlay.optional(),
	}),
);

export const FsRoot = lazySchema(() => z.discriminatedUnion('kind', [DirectoryRoot, ImageRoot]));
export type FsRoot = z.infer<typeof FsRoot>;

/** A host directory mounted in the guest (--bind, --bind-ro). */
export const FsShare = lazySchema(() =>
	z.looseObject({
		source: AbsolutePath,
		target: AbsolutePath,
		readOnly: z.boolean(),
		tag: VirtiofsTag,
		socket: AbsolutePath,
		helper: HelperProcess,
	}),
);
export type FsShare = z.infer<typeof FsShare>;

/**
 * --bind-user=: a host user defined in the guest (userdb.transient.* credentials, which
 * vmspawn-run makes from this and the host's password hash) with its home shared.
 */
export const BindUser = lazySchema(() =>
	z.looseObject({
		userName: z.string().min(1),
		/** The user's private group, named as the user. */
		groupName: z.string().min(1),
		/** The user's id in the guest, also the group's. */
		uid: z.number().int().min(0).max(4294967294),
		hostUid: z.number().int().min(0).max(4294967294),
		hostGid: z.number().int().min(0).max(4294967294),
		/** Where the guest mounts the home: /run/vmhost/home/USER. */
		homeDirectory: AbsolutePath,
		/** --bind-user-shell=: the login shell the guest's record names, if any. */
		shell: z.string().min(1).optional(),
		/** --bind-user-group=: auxiliary groups. */
		memberOf: z.array(z.string().min(1)),
		/** The share (in `shares`) that carries the home. */
		tag: VirtiofsTag,
	}),
);
export type BindUser = z.infer<typeof BindUser>;

export const ExtraDrive = lazySchema(() =>
	z.looseObject({
		path: AbsolutePath,
		format: DiskFormat,
		blockDevice: z.boolean(),
		/** virtio-blk when absent. */
		diskType: DiskType.optional(),
	}),
);
export type ExtraDrive = z.infer<typeof ExtraDrive>;

export const FsSection = lazySchema(() =>
	z.looseObject({
		root: FsRoot,
		shares: z.array(FsShare).default([]),
		extraDrives: z.array(ExtraDrive).default([]),
		/** Kernel command line words the root and the shares need (root=..., systemd.mount-extra=...). */
		kernelArgs: z.array(z.string()).default([]),
		/** --bind-user=; absent in plans of format 1.1 and older. */
		bindUsers: z.array(BindUser).optional(),
	}),
);
export type FsSection = z.infer<typeof FsSection>;
