import {open} from 'node:fs/promises';

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

/** The partitions of a GPT disk image (512-byte sectors), or undefined when it has no GPT. */
export async function readGptPartitions(path: string): Promise<GptPartition[] | undefined> {
	const file = await open(path, 'r');
	try {
		const header = Buffer.alloc(92);
		await file.read(header, 0, 92, 512);
		if (header.toString('latin1', 0, 8) !== 'EFI PART') {
			return undefined;
		}

		const entriesLba = Number(header.readBigUInt64LE(72));
		const count = header.readUInt32LE(80);
		const size = header.readUInt32LE(84);
		const table = Buffer.alloc(Math.min(count, 256) * size);
		await file.read(table, 0, table.length, entriesLba * 512);
		const partitions: GptPartition[] = [];
		for (let offset = 0; offset + size <= table.length; offset += size) {
			const entry = table.subarray(offset, offset + size);
			if (entry.subarray(0, 16).every(byte => byte === 0)) {
				continue;
			}

			const name = entry.subarray(56, 128).toString('utf16le').replace(/\0.*$/s, '');
			partitions.push({type: guid(entry.subarray(0, 16)), uuid: guid(entry.subarray(16, 32)), name});
		}

		return partitions;
	} finally {
		await file.close();
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
