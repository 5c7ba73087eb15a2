import {UsageError} from '@vmspawn/cli';
import {CREDENTIAL_READ_MAX} from './read-source.js';

/**
 * A reader for --set-credential=ID:-: all of `stream` (standard input), byte for
 * byte (a trailing newline is part of the value; use printf '%s'). A terminal is
 * refused: typing a secret there would echo it and wait for Ctrl-D.
 */
export function stdinReader(stream: NodeJS.ReadableStream & {isTTY?: boolean} = process.stdin): () => Promise<Buffer> {
	return async () => {
		if (stream.isTTY) {
			throw new UsageError('--set-credential=ID:- reads the value from standard input, which is a terminal; pipe or redirect the value in');
		}

		const chunks: Buffer[] = [];
		let total = 0;
		for await (const chunk of stream) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
			total += bytes.length;
			if (total > CREDENTIAL_READ_MAX) {
				throw new UsageError('--set-credential=ID:-: standard input is larger than 64 MiB');
			}

			chunks.push(bytes);
		}

		return Buffer.concat(chunks, total);
	};
}
