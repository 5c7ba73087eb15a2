import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {CliError, errno} from '@vmspawn/cli';

/** Discoverable Partitions Specification type UUIDs, by qemu architecture. */
const rootTypes: Record<string, string> = {
	x86_64: '4f68bce3-e8cd-4db1-96e7-fbcaf984b709',
	aarch64: 'b921b045-1df0-41c3-af44-4c6f280d3fae',
	i386: '44479540-f297-41b2-9af7-d131d5f0458a',
	riscv64: '72ec70a6-cf74-40e6-bd49-4bda08e8f224',
};
const usrTypes: Record<string, string> = {
	x86_64: '8484680c-9521-48c6-9c11-b0720656f69e',
	aarch64: 'b0e01050-ee5f-4390-949a-9101b17104e9',
	i386: '75250d76-8cc6-458e-bd66-bd47cc81a812',
	riscv64: 'beaec34b-8442-439b-a40b-984381ed097d',
};

export type GptPartition = {readonly type: string; readonly uuid: string; readonly name: string};

// GPT stores the first three GUID fields little-endian.
function guid(bytes: Buffer): string {
	const hex = (start: number, end: number, reverse: boolean) => {
		const part = bytes.subarray(start, end);
		return Buffer.from(reverse ? [...part].reverse() : part).toString('hex');
	};

	return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

const sectorSize = 512;

/** A GPT whose header is out of bounds: one line saying which field. */
class CorruptGpt extends CliError {
	constructor(readonly why: string) {
		super(`corrupt GPT: ${why}`, {exitCode: errno.EINVAL});
	}
}

// Bounds on a table the guest wrote: the UEFI entry size is 128 * 2^n (in practice 128),
// a disk has 128 entries; anything past these is an attack or garbage, not a disk.
const minEntrySize = 128;
const maxEntrySize = 4096;
export const maxGptEntries = 1024;
const maxTableBytes = 1024 * 1024;

/** Where the partition entries are and how many: the fields of a GPT header that matter here. */
export type GptHeader = {readonly entriesLba: bigint; readonly count: number; readonly entrySize: number};

/** The header in LBA 1 (`sector`), undefined without the GPT signature; fields out of bounds throw. */
export function parseGptHeader(sector: Buffer): GptHeader | undefined {
	if (sector.length < 92 || sector.toString('latin1', 0, 8) !== 'EFI PART') {
		return undefined;
	}

	const header = {entriesLba: sector.readBigUInt64LE(72), count: sector.readUInt32LE(80), entrySize: sector.readUInt32LE(84)};
	if (header.entrySize < minEntrySize || header.entrySize > maxEntrySize || header.entrySize % 8 !== 0) {
		throw new CorruptGpt(`partition entry size ${header.entrySize} (expected ${minEntrySize} to ${maxEntrySize}, a multiple of 8)`);
	}

	if (header.count > maxGptEntries) {
		throw new CorruptGpt(`${header.count} partition entries (at most ${maxGptEntries})`);
	}

	if (header.count * header.entrySize > maxTableBytes) {
		throw new CorruptGpt(`a partition table of ${header.count * header.entrySize} bytes (at most ${maxTableBytes})`);
	}

	if (header.entriesLba < 2n) {
		throw new CorruptGpt(`partition table at LBA ${header.entriesLba} overlaps the GPT header`);
	}

	return header;
}

/** The byte range of the partition table; past `imageSize` (or any possible file) throws. */
function tableRange(header: GptHeader, imageSize: number): {offset: number; length: number} {
	const length = header.count * header.entrySize;
	const end = header.entriesLba * BigInt(sectorSize) + BigInt(length);
	if (end > BigInt(imageSize)) {
		throw new CorruptGpt(`partition table at LBA ${header.entriesLba} ends past the end of the image`);
	}

	return {offset: Number(end) - length, length};
}

/** The used entries of a partition table. */
export function parseGptEntries(table: Buffer, entrySize: number): GptPartition[] {
	const partitions: GptPartition[] = [];
	for (let offset = 0; offset + entrySize <= table.length; offset += entrySize) {
		const entry = table.subarray(offset, offset + entrySize);
		if (entry.subarray(0, 16).every(byte => byte === 0)) {
			continue;
		}

		const name = entry.subarray(56, 128).toString('utf16le').replace(/\0.*$/s, '');
		partitions.push({type: guid(entry.subarray(0, 16)), uuid: guid(entry.subarray(16, 32)), name});
	}

	return partitions;
}

/**
 * The partitions of a GPT image given as its first bytes (the header and the table must be
 * in them), undefined without a GPT. Pure: what readGptPartitions() does, without the file.
 */
export function parseGpt(image: Buffer): GptPartition[] | undefined {
	const header = parseGptHeader(image.subarray(sectorSize, 2 * sectorSize));
	if (!header) {
		return undefined;
	}

	const {offset, length} = tableRange(header, image.length);
	return parseGptEntries(image.subarray(offset, offset + length), header.entrySize);
}

// Reads exactly `length` bytes at `position`, or fewer only at the end of the file.
function readAt(fd: number, length: number, position: number): Buffer {
	const buffer = Buffer.alloc(length);
	let filled = 0;
	for (let read = -1; read !== 0 && filled < length; filled += read) {
		read = readSync(fd, buffer, filled, length - filled, position + filled);
	}

	return buffer.subarray(0, filled);
}

/**
 * The partitions of a GPT disk image (512-byte sectors), or undefined when it has no GPT.
 * The table is the guest's: a header out of bounds is a CliError naming the image, and at
 * most 1 MiB is read. Synchronous: at most 1 MiB read before anything runs, and the first
 * asynchronous file operation would start libuv's four threads, which a dry run never needs.
 */
export async function readGptPartitions(path: string): Promise<GptPartition[] | undefined> {
	const fd = openSync(path, 'r');
	try {
		const header = parseGptHeader(readAt(fd, sectorSize, sectorSize));
		if (!header) {
			return undefined;
		}

		const {offset, length} = tableRange(header, fstatSync(fd).size);
		const table = readAt(fd, length, offset);
		if (table.length < length) {
			throw new CorruptGpt(`partition table at LBA ${header.entriesLba} ends past the end of the image`);
		}

		return parseGptEntries(table, header.entrySize);
	} catch (error) {
		throw error instanceof CorruptGpt ? new CliError(`corrupt GPT in ${path}: ${error.why}`, {exitCode: errno.EINVAL}) : error;
	} finally {
		closeSync(fd);
	}
}

/**
 * The word that tells the kernel where its root is for a direct boot of a disk
 * image: root=PARTUUID= of the root partition, else mount.usr=PARTUUID= of /usr.
 */
export function rootArgumentFor(partitions: readonly GptPartition[], arch: string): string | undefined {
	const root = partitions.find(partition => partition.type === rootTypes[arch]);
	if (root) {
		return `root=PARTUUID=${root.uuid}`;
	}

	const usr = partitions.find(partition => partition.type === usrTypes[arch]);
	return usr ? `mount.usr=PARTUUID=${usr.uuid}` : undefined;
}
