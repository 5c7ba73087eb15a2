import {closeSync, constants, fstatSync, ftruncateSync, openSync, statSync} from 'node:fs';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import {type Host, describeEnd, outputTail} from '@vmspawn/host';
import type {FsRoot} from '@vmspawn/plan';

type ImageRoot = Extract<FsRoot, {kind: 'image'}>;

function cannotGrow(path: string, why: string, code?: string): CliError {
	return new CliError(`cannot grow ${path}: ${why}`, {exitCode: errnoExitCode(code) ?? errno.EOPNOTSUPP});
}

/**
 * --grow-image: makes the raw image file at least `bytes` long; a larger one is left alone.
 * Opened without following a symlink planted in its place since planning, and only a regular
 * file is grown (a block device cannot be).
 */
export function growImage(path: string, bytes: number): void {
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW | constants.O_NOCTTY);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw cannotGrow(path, code === 'ELOOP' ? 'it is a symbolic link' : `cannot open it (${code ?? 'unknown error'})`, code);
	}

	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) {
			throw cannotGrow(path, stats.isBlockDevice() ? 'it is a block device, not a file' : 'it is not a regular file');
		}

		if (stats.size < bytes) {
			ftruncateSync(fd, bytes);
		}
	} finally {
		closeSync(fd);
	}
}

/** The virtual size the overlay needs: the image's, or --grow-image='s when that is larger. */
function overlaySize(root: ImageRoot): number | undefined {
	if (root.growTo === undefined || root.blockDevice) {
		return undefined;
	}

	return statSync(root.path).size < root.growTo ? root.growTo : undefined;
}

/**
 * --ephemeral: a qcow2 overlay backed by the image, which qemu then opens instead. The backing
 * format is written into the overlay (-F), so qemu never probes the image. Grown, not the image.
 */
export async function createOverlay(root: ImageRoot, env: NodeJS.ProcessEnv, host: Host): Promise<void> {
	if (!root.ephemeral) {
		return;
	}

	const qemuImg = host.findBinary('qemu-img', [], env);
	if (!qemuImg) {
		throw new CliError('--ephemeral needs qemu-img, which is not on $PATH (Debian: apt-get install qemu-utils)', {exitCode: errno.ENOENT});
	}

	const size = overlaySize(root);
	const argv = [
		qemuImg,
		'create',
		'-q',
		'-f',
		'qcow2',
		'-F',
		root.format,
		'-b',
		root.path,
		root.ephemeral.overlay,
		...(size === undefined ? [] : [String(size)]),
	];
	const result = await host.run(argv);
	if (result.code !== 0) {
		throw new CliError(`cannot create the ephemeral overlay of ${root.path}: qemu-img ${describeEnd(result)}: ${outputTail(result)}`, {exitCode: errno.EIO});
	}
}

/** The root's preparation steps before qemu starts: the overlay, or growing the image itself. */
export function prepareImageRoot(root: FsRoot, env: NodeJS.ProcessEnv, host: Host): Array<() => Promise<void>> {
	if (root.kind !== 'image') {
		return [];
	}

	if (root.ephemeral) {
		return [async () => createOverlay(root, env, host)];
	}

	const {growTo} = root;
	return growTo === undefined
		? []
		: [
				async () => {
					growImage(root.path, growTo);
				},
			];
}
