import {statSync} from 'node:fs';
import {CliError, errno, errnoExitCode, invalidOption, parseSize} from '@vmspawn/cli';
import {type DiskFormat, type DiskType, diskFormatNames, diskTypeNames} from '@vmspawn/plan';

export type DiskInfo = {
	readonly format: DiskFormat;
	readonly blockDevice: boolean;
};

/** A drive as the user named it: the format they chose (raw unless they said otherwise), the disk type if they chose one, and the path. */
export type DriveRequest = {
	readonly format: DiskFormat;
	readonly diskType?: DiskType;
	readonly path: string;
};

export const diskFormats: readonly DiskFormat[] = diskFormatNames;
export const diskTypes: readonly DiskType[] = diskTypeNames;

function fail(option: string, value: string, why: string, code: string | undefined): never {
	throw new CliError(`invalid --${option}=${value}: ${why}`, {exitCode: errnoExitCode(code) ?? errno.EINVAL});
}

function isDiskFormat(word: string): word is DiskFormat {
	return (diskFormats as readonly string[]).includes(word);
}

/** --image-format=: raw or qcow2; an empty value is the default, raw. */
export function parseDiskFormat(option: string, value: string | undefined): DiskFormat {
	if (value === undefined || value === '') {
		return 'raw';
	}

	if (!isDiskFormat(value)) {
		throw invalidOption(option, value, `expected ${diskFormats.join(' or ')}`);
	}

	return value;
}

function isDiskType(word: string): word is DiskType {
	return (diskTypes as readonly string[]).includes(word);
}

/** --image-disk-type=: how the root disk appears to the guest; an empty value is the default, virtio-blk. */
export function parseDiskType(option: string, value: string | undefined): DiskType {
	if (value === undefined || value === '') {
		return 'virtio-blk';
	}

	if (!isDiskType(value)) {
		throw invalidOption(option, value, `expected ${diskTypes.join(', ')}`);
	}

	return value;
}

// Takes the leading word off `rest` when `accept` says it is one; a word with no colon after it is the path.
function leadingWord<T extends string>(rest: string, accept: (word: string) => word is T): {word?: T; rest: string} {
	const colon = rest.indexOf(':');
	const word = colon === -1 ? '' : rest.slice(0, colon);
	return accept(word) ? {word, rest: rest.slice(colon + 1)} : {rest};
}

/**
 * --extra-drive=[FORMAT:][DISKTYPE:]PATH, as upstream 261: a leading word is the format, then
 * the next the disk type, only when it names one, so a path with a colon in it still works.
 * Without FORMAT the drive is raw; without DISKTYPE it is whatever --image-disk-type= says.
 */
export function parseDriveRequest(value: string): DriveRequest {
	const format = leadingWord(value, isDiskFormat);
	const diskType = leadingWord(format.rest, isDiskType);
	if (diskType.rest === '') {
		throw invalidOption('extra-drive', value, 'expected [FORMAT:][DISKTYPE:]PATH with a path');
	}

	return {format: format.word ?? 'raw', ...(diskType.word ? {diskType: diskType.word} : {}), path: diskType.rest};
}

/**
 * Checks a disk given on the command line (`path` already absolute): a regular file or a
 * block device. The format is the user's word, never read from the disk: a guest writes its
 * own disk, and a qcow2 header it plants (with a backing file naming a host file) must stay
 * bytes in a raw image, not make qemu open that host file.
 */
export function inspectDisk(option: string, value: string, path: string, format: DiskFormat): DiskInfo {
	let stats;
	try {
		stats = statSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return fail(option, value, code === 'ENOENT' ? `${path} does not exist` : `cannot access ${path} (${code ?? 'unknown error'})`, code);
	}

	const blockDevice = stats.isBlockDevice();
	if (!stats.isFile() && !blockDevice) {
		const kind = stats.isDirectory()
			? 'a directory'
			: stats.isCharacterDevice()
				? 'a character device'
				: stats.isSocket()
					? 'a socket'
					: stats.isFIFO()
						? 'a FIFO'
						: 'a special file';
		return fail(option, value, `expected a regular file or block device, not ${kind}`, stats.isDirectory() ? 'EISDIR' : undefined);
	}

	return {format, blockDevice};
}

const growGranule = 4096n;

/** --grow-image=BYTES: a size, rounded up to 4096 as upstream; 0 asks for nothing. */
export function parseGrowImage(value: string): number | undefined {
	const bytes = parseSize('grow-image', value);
	const rounded = ((bytes + growGranule - 1n) / growGranule) * growGranule;
	if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
		throw invalidOption('grow-image', value, 'size too large');
	}

	return rounded === 0n ? undefined : Number(rounded);
}
