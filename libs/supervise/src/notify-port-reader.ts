import {type GuestNotification, applyNotifyLines, parseNotifyLines} from './guest-notify.js';

/** The longest line of the notification port that is looked at; upstream's limit on one notification. */
export const NOTIFY_LINE_MAX = 4096;

/**
 * Reads the guest's virtio-serial notification port as a stream: lines of READY=1, STATUS=
 * and EXIT_STATUS=. The guest writes as much as it likes, so only the state is kept, never
 * the text: a line longer than NOTIFY_LINE_MAX is skipped to its end, whatever its length.
 * (node:readline would buffer a line without bound.)
 */
export class NotifyPortReader {
	#state: GuestNotification = {ready: false};
	#line: Buffer[] = [];
	#lineSize = 0;
	#skipping = false;
	#skipped = 0;

	get notification(): GuestNotification {
		return this.#state;
	}

	/** Lines that were too long and skipped. */
	get skippedLines(): number {
		return this.#skipped;
	}

	push(chunk: Buffer): void {
		let start = 0;
		for (let end = nextLineEnd(chunk, start); end !== -1; end = nextLineEnd(chunk, start)) {
			this.#append(chunk.subarray(start, end));
			this.#endLine();
			start = end + 1;
		}

		this.#append(chunk.subarray(start));
	}

	/** The stream ended: a last line without its newline still counts. */
	end(): void {
		this.#endLine();
	}

	#append(part: Buffer): void {
		if (this.#skipping || part.length === 0) {
			return;
		}

		this.#lineSize += part.length;
		if (this.#lineSize > NOTIFY_LINE_MAX) {
			this.#skipping = true;
			this.#skipped++;
			this.#line = [];
			return;
		}

		this.#line.push(Buffer.from(part));
	}

	#endLine(): void {
		if (!this.#skipping && this.#lineSize > 0) {
			this.#state = applyNotifyLines(this.#state, parseNotifyLines(Buffer.concat(this.#line).toString()));
		}

		this.#line = [];
		this.#lineSize = 0;
		this.#skipping = false;
	}
}

function nextLineEnd(chunk: Buffer, from: number): number {
	const newline = chunk.indexOf(0x0a, from);
	const carriageReturn = chunk.indexOf(0x0d, from);
	return newline === -1 ? carriageReturn : carriageReturn === -1 ? newline : Math.min(newline, carriageReturn);
}
