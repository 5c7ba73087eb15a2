/** Ctrl-] — the byte a terminal sends for it. */
export const ESCAPE_BYTE = 0x1d;

/**
 * Watches console input for the escape: Ctrl-] pressed three times within one
 * second, as systemd's pty forwarder does. Any other byte in between resets it.
 */
export class EscapeDetector {
	private readonly presses: number[] = [];

	constructor(
		private readonly count = 3,
		private readonly windowMs = 1000,
	) {}

	/** Feeds input read at time `now`; true once the escape is complete. */
	feed(chunk: Uint8Array, now: number): boolean {
		for (const byte of chunk) {
			if (byte !== ESCAPE_BYTE) {
				this.presses.length = 0;
				continue;
			}

			this.presses.push(now);
			while (this.presses.length > 0 && now - this.presses[0]! > this.windowMs) {
				this.presses.shift();
			}

			if (this.presses.length >= this.count) {
				return true;
			}
		}

		return false;
	}
}
