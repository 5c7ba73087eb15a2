import {fstatSync, readSync} from 'node:fs';
import {Socket} from 'node:net';
import type {Readable} from 'node:stream';
import {PLAN_MAX_BYTES, planTooLarge} from '@vmspawn/plan';

/** Reads a stream up to the plan size cap, and stops reading (destroying it) as soon as it is past the cap. */
export async function readStreamCapped(stream: Readable, cap = PLAN_MAX_BYTES): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		size += buffer.length;
		if (size > cap) {
			stream.destroy();
			throw planTooLarge();
		}

		chunks.push(buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

/** Reads a regular file synchronously: refused by its size first, and never more than one chunk past the cap (it may grow). */
export function readFdCapped(fd: number, cap = PLAN_MAX_BYTES): string {
	if (fstatSync(fd).size > cap) {
		throw planTooLarge();
	}

	const buffer = Buffer.alloc(Math.min(cap + 1, 64 * 1024));
	const chunks: Buffer[] = [];
	let size = 0;
	for (let count = readSync(fd, buffer); count > 0; count = readSync(fd, buffer)) {
		size += count;
		if (size > cap) {
			throw planTooLarge();
		}

		chunks.push(Buffer.from(buffer.subarray(0, count)));
	}

	return Buffer.concat(chunks).toString('utf8');
}

// A pipe is read as a stream: read(2) on it fails with EAGAIN while the writer is still
// working whenever the pipe is non-blocking, which a synchronous read cannot wait out.
export async function readPlanText(fd: number, cap = PLAN_MAX_BYTES): Promise<string> {
	if (fstatSync(fd).isFile()) {
		return readFdCapped(fd, cap);
	}

	return readStreamCapped(fd === 0 ? process.stdin : new Socket({fd, readable: true, writable: false}), cap);
}
