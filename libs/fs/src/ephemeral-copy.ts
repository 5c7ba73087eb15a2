import {lstatSync, mkdirSync, rmdirSync, statSync, statfsSync} from 'node:fs';
import {basename, join} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';
import {type Host, type RunCommand, createExclusiveFile, describeEnd, ephemeralCopyRecord, isEphemeralCopyPath, outputTail} from '@vmspawn/host';
import type {FsRoot} from '@vmspawn/plan';

type DirectoryRoot = Extract<FsRoot, {kind: 'directory'}>;

const btrfsMagic = 0x91_23_68_3e;
// statfs(2) magic numbers of file systems that share blocks between copies (FICLONE).
const reflinkFileSystems = new Set([btrfsMagic, 0x58_46_53_42 /* xfs */, 0xca_45_1a_4e /* bcachefs */]);
// The inode number of every btrfs subvolume's top directory.
const subvolumeInode = 256;

function fileSystemType(path: string): number | undefined {
	try {
		return Number(statfsSync(path).type);
	} catch {
		return undefined;
	}
}

/**
 * A btrfs subvolume without subvolumes below it is snapshotted, as upstream does: in
 * constant time, where even a reflink copy visits every file. `btrfs subvolume list -o`
 * needs root; without it, or with nested subvolumes (a snapshot leaves them out), cp.
 */
async function snapshotCommand(path: string, env: NodeJS.ProcessEnv, host: Host): Promise<string | undefined> {
	const btrfs =
		fileSystemType(path) === btrfsMagic && statSync(path).ino === subvolumeInode
			? host.findBinary('btrfs', ['/usr/bin/btrfs', '/usr/sbin/btrfs', '/sbin/btrfs'], env)
			: undefined;
	if (!btrfs) {
		return undefined;
	}

	const nested = await host.run([btrfs, 'subvolume', 'list', '-o', path]);
	return nested.code === 0 && nested.stdout.trim() === '' ? btrfs : undefined;
}

async function recordCopy(copy: string, runtimeDir: string): Promise<void> {
	await createExclusiveFile(join(runtimeDir, ephemeralCopyRecord), `${copy}\n`, 0o600);
}

function failed(root: string, what: string, result: Awaited<ReturnType<RunCommand>>): CliError {
	return new CliError(`cannot copy ${root} for --ephemeral: ${what} ${describeEnd(result)}: ${outputTail(result)}`, {exitCode: errno.EIO});
}

/**
 * --ephemeral with a directory root: the copy the guest works on, recorded in the runtime
 * directory before it is filled, so the run's clean-up, or the next run's stale sweep,
 * removes it even when the run dies half-way. A btrfs subvolume is snapshotted; otherwise
 * the copy is made fresh (mkdir fails on anything there, a symlink included) and filled
 * by `cp -a --reflink=auto`, which shares blocks where the file system can.
 */
export async function createEphemeralCopy(
	root: DirectoryRoot,
	runtimeDir: string,
	log: (message: string) => void,
	env: NodeJS.ProcessEnv,
	host: Host,
): Promise<void> {
	const copy = root.ephemeral?.copy;
	if (copy === undefined) {
		return;
	}

	if (!isEphemeralCopyPath(copy, root.path)) {
		throw new CliError(`plan.fs.root.ephemeral.copy: expected .#vmspawn.${basename(root.path)}.<16 hex digits> beside ${root.path}, not ${copy}`, {
			exitCode: errno.EINVAL,
		});
	}

	const btrfs = await snapshotCommand(root.path, env, host);
	const {run} = host;
	if (btrfs) {
		await recordCopy(copy, runtimeDir);
		// The snapshot makes the directory itself: it must not be there (a name with 64 random bits).
		if (lstatSync(copy, {throwIfNoEntry: false})) {
			throw new CliError(`cannot copy ${root.path} for --ephemeral: ${copy} is there already`, {exitCode: errno.EEXIST});
		}

		const result = await run([btrfs, 'subvolume', 'snapshot', '--', root.path, copy]);
		if (result.code !== 0) {
			throw failed(root.path, 'btrfs subvolume snapshot', result);
		}

		return;
	}

	mkdirSync(copy, {mode: 0o700});
	await recordCopy(copy, runtimeDir).catch((error: unknown) => {
		rmdirSync(copy);
		throw error;
	});
	if (!reflinkFileSystems.has(fileSystemType(root.path) ?? 0)) {
		log(
			`--ephemeral: copying ${root.path} to ${copy}; its file system cannot share blocks between copies (reflink), so this is a full copy: it takes time and as much space as the tree. The copy is removed at exit.`,
		);
	}

	const result = await run(['cp', '-a', '--reflink=auto', '--', `${root.path}/.`, copy]);
	if (result.code !== 0) {
		throw failed(root.path, 'cp', result);
	}
}
