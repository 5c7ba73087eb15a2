import {createReadStream} from 'node:fs';
import {open} from 'node:fs/promises';

/**
 * Concatenates several initrds into one file, each starting at a 4-byte aligned
 * offset (the kernel accepts concatenated cpio archives padded with zeros).
 */
export async function mergeInitrds(initrds: readonly string[], target: string): Promise<void> {
	const output = await open(target, 'wx', 0o600);
	try {
		let offset = 0;
		for (const initrd of initrds) {
			const padding = (4 - (offset % 4)) % 4;
			if (padding > 0) {
				await output.write(Buffer.alloc(padding), 0, padding, offset);
				offset += padding;
			}

			for await (const chunk of createReadStream(initrd)) {
				const buffer = chunk as Buffer;
				await output.write(buffer, 0, buffer.length, offset);
				offset += buffer.length;
			}
		}
	} finally {
		await output.close();
	}
}
