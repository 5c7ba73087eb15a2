import {open} from 'node:fs/promises';
import {createConnection} from 'node:net';

/** As systemd's READ_FULL_BYTES_MAX: a source that is still talking after 64 MiB is refused. */
export const CREDENTIAL_READ_MAX = 64 * 1024 * 1024 - 1;

export class TooLargeError extends Error {
	override name = 'TooLargeError';
	readonly code = 'E2BIG';

	constructor() {
		super('larger than 64 MiB');
	}
}

/** Collects chunks up to the limit, so a runaway source cannot fill memory. */
function collector(): {add(chunk: Uint8Array): void; result(): Buffer} {
	const chunks: Buffer[] = [];
	let total = 0;
	return {
		add(chunk) {
			total += chunk.length;
			if (total > CREDENTIAL_READ_MAX) {
				throw new TooLargeError();
			}

			chunks.push(Buffer.from(chunk));
		},
		result: () => Buffer.concat(chunks, total),
	};
}

/** Connects to an AF_UNIX stream socket, shuts down our side and reads until the peer closes. */
function readSocket(path: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const data = collector();
		const socket = createConnection({path, allowHalfOpen: true});
		socket.on('connect', () => socket.end());
		socket.on('data', chunk => {
			try {
				data.add(chunk);
			} catch (error) {
				socket.destroy();
				reject(error as Error);
			}
		});
		socket.on('end', () => {
			resolve(data.result());
		});
		socket.on('error', reject);
	});
}

/**
 * Reads a credential source to EOF the way systemd's read_full_file_full() with
 * READ_FULL_FILE_CONNECT_SOCKET does: anything open(2) can read (a regular file,
 * a pipe such as bash's <(...), /dev/stdin), and an AF_UNIX stream socket, which
 * open(2) refuses with ENXIO, is connected to instead.
 */
export async function readCredentialSource(path: string): Promise<Buffer> {
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
			return readSocket(path);
		}

		throw error;
	}

	try {
		const data = collector();
		const buffer = Buffer.alloc(64 * 1024);
		for (;;) {
			const {bytesRead} = await handle.read(buffer, 0, buffer.length, null);
			if (bytesRead === 0) {
				break;
			}

			data.add(buffer.subarray(0, bytesRead));
		}

		buffer.fill(0);
		return data.result();
	} finally {
		await handle.close();
	}
}
