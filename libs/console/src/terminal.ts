import type {ReadStream} from 'node:tty';

/** SGR and OSC sequences, written only to terminals. */
const resetBackground = '\u001B[49m';
const eraseToEnd = '\u001B[K';

export type TerminalStyle = {
	/** An SGR parameter string for the background, e.g. "48;2;0;32;0"; empty or absent: no tint. */
	readonly background?: string | undefined;
	readonly title?: string | undefined;
};

export function tintSequence(style: TerminalStyle): string {
	const background = style.background ? `\u001B[${style.background}m${eraseToEnd}` : '';
	const title = style.title ? `\u001B]2;${style.title}\u0007` : '';
	return background + title;
}

export function untintSequence(style: TerminalStyle): string {
	return style.background ? `${resetBackground}${eraseToEnd}` : '';
}

/**
 * Puts a terminal into raw mode and guarantees it is restored: on restore(), and
 * on process exit even when that is triggered by an uncaught error.
 */
export function enterRawMode(input: ReadStream): () => void {
	if (!input.isTTY) {
		return () => undefined;
	}

	input.setRawMode(true);
	let restored = false;
	const restore = () => {
		if (!restored) {
			restored = true;
			input.setRawMode(false);
			process.off('exit', restore);
		}
	};

	process.on('exit', restore);
	return restore;
}
