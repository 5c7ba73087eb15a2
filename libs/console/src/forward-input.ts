import type {Writable} from 'node:stream';
import type {ReadStream} from 'node:tty';
import {EscapeDetector} from './escape-detector.js';
import {enterRawMode} from './terminal.js';

export type InputForwarder = {
	/** Stops reading and restores the terminal; safe to call more than once. */
	stop(): void;
};

/**
 * Sends the user's input to the guest console (qemu's stdin). On a terminal the
 * input is raw, so keys reach the guest as typed, and Ctrl-] three times within a
 * second calls `onEscape`. The guest's output does not pass through here.
 */
export function forwardConsoleInput(
	input: NodeJS.ReadableStream & Partial<Pick<ReadStream, 'isTTY' | 'setRawMode'>>,
	target: Writable,
	onEscape: () => void,
	now: () => number = Date.now,
): InputForwarder {
	const restore = input.isTTY ? enterRawMode(input as ReadStream) : () => undefined;
	const detector = new EscapeDetector();
	let stopped = false;
	const onData = (chunk: Buffer) => {
		if (detector.feed(chunk, now())) {
			onEscape();
			return;
		}

		if (!target.destroyed && target.writable) {
			target.write(chunk);
		}
	};

	const onEnd = () => {
		target.end();
	};

	// qemu gone: writes would fail with EPIPE, which is expected then.
	target.on('error', () => undefined);
	input.on('data', onData);
	input.on('end', onEnd);
	input.resume();
	return {
		stop() {
			if (stopped) {
				return;
			}

			stopped = true;
			input.off('data', onData);
			input.off('end', onEnd);
			input.pause();
			restore();
		},
	};
}
