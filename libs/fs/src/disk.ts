import {closeSync, openSync, readSync, statSync} from 'node:fs';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import type {DiskFormat} from '@vmspawn/plan';

export type DiskInfo = {
	readonly format: DiskFormat;
	readonly blockDevice: boolean;
};

const qcow2Magic = Buffer.from([0x51, 0x46, 0x49, 0xFB]); // 'QFI\xfb'

function fail(option: string, value: string, why: string, code: string | undefined): never {
	throw new CliError(`invalid --${option}=${value}: ${why}`, {exitCode: errnoExitCode(code) ?? errno.EINVAL});
}

function readHeader(path: string, option: string, value: string): Buffer {
	const magic = Buffer.alloc(4);
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		return magic.subarray(0, readSync(fd, magic, 0, magic.length, 0));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return fail(option, value, `cannot read ${path} (${code ?? 'unknown error'})`, code);
	} finally {
		if (fd !== undefined) {
			closeSync(fd);
		}
	}
}

/** The format of a file's contents: qcow2 by its magic, anything else is raw. */
export function detectDiskFormat(header: Uint8Array): DiskFormat {
	return header.length >= qcow2Magic.length && qcow2Magic.every((byte, index) => header[index] === byte) ? 'qcow2' : 'raw';
}

/**
 * Checks a disk given on the command line (`path` already absolute): a regular file
 * or a block device, raw or qcow2. A block device is attached as host_device, raw only.
 */
export function inspectDisk(option: string, value: string, path: string, read: typeof readHeader = readHeader): DiskInfo {
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

	const format = detectDiskFormat(read(path, option, value));
	if (blockDevice && format === 'qcow2') {
		return fail(option, value, `block device ${path} holds a qcow2 image; only raw is supported on block devices`, 'EINVAL');
	}

	return {format, blockDevice};
}
