import {statSync} from 'node:fs';
import {resolve} from 'node:path';
import {CliError, UsageError, errno, errnoExitCode} from '@vmspawn/cli';
import {ephemeralCopyPath} from '@vmspawn/host';
import type {BindUser, DiskFormat, DiskType, ExtraDrive, FsRoot, IdMapping, Section} from '@vmspawn/plan';
import type {Bind} from './bind.js';
import {type BindUserOptions, planBindUsers} from './bind-user.js';
import {type DriveRequest, inspectDisk} from './disk.js';
import type {FsHost} from './fs-host.js';
import {directoryRootArgs, mountExtraArg} from './kernel-args.js';
import {shareHelper} from './share.js';

/** vmspawn-fs's options, parsed (binds already checked) but paths not yet absolute. */
export type FsOptions = {
	readonly directory?: string | undefined;
	readonly image?: string | undefined;
	/** --image-format=; raw when not given. */
	readonly imageFormat?: DiskFormat | undefined;
	/** --image-disk-type=; also the type of extra drives that name none. virtio-blk when not given. */
	readonly imageDiskType?: DiskType | undefined;
	/** --grow-image=, in bytes, already rounded up to 4096. */
	readonly growTo?: number | undefined;
	/** --ephemeral. */
	readonly ephemeral?: boolean | undefined;
	readonly binds: readonly Bind[];
	/** --bind-user= and its companions; none when absent. */
	readonly bindUsers?: BindUserOptions | undefined;
	readonly privateUsers?: IdMapping | undefined;
	/** --extra-drive= values as given, and what each asks for. */
	readonly extraDrives: ReadonlyArray<{readonly value: string} & DriveRequest>;
	readonly discard: boolean;
	readonly cwd?: string | undefined;
};

export type FsContext = {
	/** The runtime directory the sockets go in; asked for only when there is a share. */
	readonly runtimeDir: () => string;
	readonly host: FsHost;
};

function checkDirectory(value: string, path: string): void {
	let isDirectory: boolean;
	try {
		isDirectory = statSync(path).isDirectory();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new CliError(`invalid --directory=${value}: ${code === 'ENOENT' ? `${path} does not exist` : `cannot access ${path} (${code ?? 'unknown error'})`}`, {
			exitCode: errnoExitCode(code) ?? errno.EINVAL,
		});
	}

	if (!isDirectory) {
		throw new CliError(`invalid --directory=${value}: ${path} is not a directory`, {exitCode: errno.ENOTDIR});
	}
}

// Refused before anything is planned: each in one line, nothing started.
function refuseDiskCombinations(options: FsOptions): void {
	if (options.directory !== undefined && options.image !== undefined) {
		throw new UsageError('--directory= and --image= cannot be used together: the guest has one root, a directory or a disk image');
	}

	if (options.ephemeral && options.extraDrives.length > 0) {
		throw new UsageError('--ephemeral cannot be used with --extra-drive=: only the root image is thrown away at exit');
	}

	if (options.image === undefined) {
		if (options.growTo !== undefined) {
			throw new UsageError('--grow-image= grows a disk image; it needs --image=');
		}
	}

	if (options.growTo !== undefined && options.imageFormat === 'qcow2') {
		throw new CliError('--grow-image= only grows raw images, not qcow2 (grow it with qemu-img resize)', {exitCode: errno.EOPNOTSUPP});
	}
}

function ephemeralDirectoryCopy(value: string, path: string): string {
	if (path === '/') {
		throw new CliError(`--ephemeral cannot copy --directory=${value}: the copy goes beside the directory, and / has nothing beside it`, {
			exitCode: errno.EINVAL,
		});
	}

	return ephemeralCopyPath(path);
}

function planImageRoot(options: FsOptions, image: string, cwd: string, context: FsContext): FsRoot {
	if (options.privateUsers) {
		throw new UsageError('--private-users= is only supported in combination with --directory=');
	}

	const path = resolve(cwd, image);
	const disk = inspectDisk('image', image, path, options.imageFormat ?? 'raw');
	if (options.growTo !== undefined && disk.blockDevice) {
		throw new CliError(`--grow-image= cannot grow ${path}: it is a block device, not a file`, {exitCode: errno.EOPNOTSUPP});
	}

	return {
		kind: 'image',
		path,
		...disk,
		discard: options.discard,
		diskType: options.imageDiskType ?? 'virtio-blk',
		...(options.growTo === undefined ? {} : {growTo: options.growTo}),
		...(options.ephemeral ? {ephemeral: {overlay: `${context.runtimeDir()}/ephemeral-root.qcow2`}} : {}),
	};
}

function planRoot(options: FsOptions, cwd: string, context: FsContext): FsRoot {
	refuseDiskCombinations(options);
	if (options.image !== undefined) {
		return planImageRoot(options, options.image, cwd, context);
	}

	// Neither given: the current directory is the root, as upstream.
	const value = options.directory ?? '.';
	const path = resolve(cwd, value);
	checkDirectory(value, path);
	// --ephemeral: virtiofsd shares the copy, made beside the directory before it starts.
	const copy = options.ephemeral ? ephemeralDirectoryCopy(value, path) : undefined;
	const share = shareHelper(
		{
			tag: 'root',
			source: copy ?? path,
			readOnly: false,
			idMap: options.privateUsers && {guest: 0, host: options.privateUsers.shift, range: options.privateUsers.range, option: '--private-users='},
			runtimeDir: context.runtimeDir(),
		},
		context.host,
	);
	return {
		kind: 'directory',
		path,
		tag: 'root',
		share,
		...(options.privateUsers ? {privateUsers: options.privateUsers} : {}),
		...(copy ? {ephemeral: {copy}} : {}),
	};
}

type Share = Section<'fs'>['shares'][number];

function bindShare(bind: Bind, index: number, context: FsContext): Share {
	const tag = `mnt${index}`;
	const {socket, helper} = shareHelper({tag, source: bind.source, readOnly: bind.readOnly, runtimeDir: context.runtimeDir()}, context.host);
	return {source: bind.source, target: bind.target, readOnly: bind.readOnly, tag, socket, helper};
}

/** --bind-user=: each home shared after the binds, its owner mapped to the guest's user (uid and gid). */
function bindUserShares(options: FsOptions, first: number, context: FsContext): {shares: Share[]; users: BindUser[]} {
	const names = options.bindUsers?.users ?? [];
	if (names.length === 0) {
		return {shares: [], users: []};
	}

	const tags = names.map((_, index) => `mnt${first + index}`);
	const planned = planBindUsers(options.bindUsers!, context.host.users, tags);
	const shares = planned.map(({record, home}) => {
		const idMap = {guest: record.uid, host: record.hostUid, hostGid: record.hostGid, range: 1, option: `--bind-user=${record.userName}`};
		const {socket, helper} = shareHelper({tag: record.tag, source: home, readOnly: false, idMap, runtimeDir: context.runtimeDir()}, context.host);
		return {source: home, target: record.homeDirectory, readOnly: false, tag: record.tag, socket, helper};
	});
	return {shares, users: planned.map(({record}) => record)};
}

/** The fs section: the root, one virtiofsd per shared directory, the extra drives. */
export function planFs(options: FsOptions, context: FsContext): Section<'fs'> {
	const cwd = options.cwd ?? process.cwd();
	const root = planRoot(options, cwd, context);
	const binds = options.binds.map((bind, index) => bindShare(bind, index, context));
	const homes = bindUserShares(options, binds.length, context);
	const shares = [...binds, ...homes.shares];
	const extraDrives: ExtraDrive[] = options.extraDrives.map(drive => {
		const path = resolve(cwd, drive.path);
		return {path, ...inspectDisk('extra-drive', drive.value, path, drive.format), diskType: drive.diskType ?? options.imageDiskType ?? 'virtio-blk'};
	});
	const kernelArgs = [...(root.kind === 'directory' ? directoryRootArgs : []), ...shares.map(share => mountExtraArg(share.tag, share.target, share.readOnly))];
	return {root, shares, extraDrives, kernelArgs, ...(homes.users.length > 0 ? {bindUsers: homes.users} : {})};
}
