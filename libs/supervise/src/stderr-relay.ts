import type {Readable} from 'node:stream';

/**
 * Lines the helpers print on every ordinary shutdown, which say nothing to the user:
 * the C virtiofsd reports qemu hanging up its vhost-user connection this way.
 */
export const harmlessLines: readonly RegExp[] = [/^virtio_loop: Unexpected poll revents \d+$/];

/**
 * Passes the stderr of qemu and the helpers on to ours a whole line at a time. qemu
 * writes an error's prefix and its text separately, so with a shared stderr a
 * line of ours could land in the middle of one of its lines (seen: "qemu-system-x86_64:vmspawn-run: ...").
 * Known harmless lines are dropped, and so is whatever a child says once it is silenced.
 */
export class StderrRelay {
	readonly #pending: Array<Promise<void>> = [];

	constructor(
		private readonly out: NodeJS.WritableStream = process.stderr,
		private readonly drop: readonly RegExp[] = harmlessLines,
	) {}

	/**
	 * Relays `stream` until it ends; a last line without a newline gets one.
	 * After `silence()` the rest of it is read and dropped.
	 */
	attach(stream: Readable): {silence(): void} {
		let partial = '';
		let silenced = false;
		const emit = (line: string) => {
			if (!silenced && !this.drop.some(pattern => pattern.test(line))) {
				this.out.write(`${line}\n`);
			}
		};

		// Split by hand, not with node:readline: that also breaks lines at a lone \r, and a
		// child's progress line must reach the terminal as it was written.
		stream.setEncoding('utf8');
		stream.on('data', (chunk: string) => {
			const lines = (partial + chunk).split('\n');
			partial = lines.pop()!;
			for (const line of lines) {
				emit(line);
			}
		});
		this.#pending.push(
			new Promise(resolve => {
				stream.once('close', () => {
					if (partial !== '') {
						emit(partial);
					}

					resolve();
				});
			}),
		);
		return {
			silence() {
				silenced = true;
			},
		};
	}

	/** Resolves once every relayed stream has ended and been written out. */
	async drained(): Promise<void> {
		await Promise.all(this.#pending);
	}
}
