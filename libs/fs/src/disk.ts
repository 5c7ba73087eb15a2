import {statSync} from 'node:fs';
import {CliError, errno, errnoExitCode, invalidOption} from '@vmspawn/cli';
import {type DiskFormat, diskFormatNames} from '@vmspawn/plan';

export type DiskInfo = {
	readonly format: DiskFormat;
	readonly blockDevice: boolean;
};

/** A drive as the user named it: the format they chose (raw unless they said otherwise) and the path. */
export type DriveRequest = {
	readonly format: DiskFormat;
	readonly path: string;
};

export const diskFormats: readonly DiskFormat[] = diskFormatNames;

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

/**
 * --extra-drive=[FORMAT:]PATH, as upstream 260: a leading word is the format only when it
 * names one, so a path with a colon in it still works; without it the drive is raw.
 */
export function parseDriveRequest(value: string): DriveRequest {
	const colon = value.indexOf(':');
	const prefix = colon === -1 ? '' : value.slice(0, colon);
	const request = isDiskFormat(prefix) ? {format: prefix, path: value.slice(colon + 1)} : {format: 'raw' as const, path: value};
	if (request.path === '') {
		throw invalidOption('extra-drive', value, 'expected [FORMAT:]PATH with a path');
	}

	return request;
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
		const kind = stats.isDirectory() ? 'a directory' : stats.isCharacterDevice() ? 'a character device' : stats.isSocket() ? 'a socket' : stats.isFIFO() ? 'a FIFO' : 'a special file';
		return fail(option, value, `expected a regular file or block device, not ${kind}`, stats.isDirectory() ? 'EISDIR' : undefined);
	}

	return {format, blockDevice};
}
