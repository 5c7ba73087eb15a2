/**
 * systemd's cunescape() (src/basic/escape.c), byte for byte: \a \b \f \n \r \t \v
 * \\ \" \' \s (a space), \xHH, \NNN (octal, at most \377), \uHHHH and \UHHHHHHHH
 * (as UTF-8). Anything else after a backslash, and a trailing backslash, is an
 * error. NUL bytes (\x00, \000, \u0000) only with `acceptNul`, as
 * --set-credential= passes UNESCAPE_ACCEPT_NUL.
 */
export class UnescapeError extends Error {
	override name = 'UnescapeError';
	/** Byte offset of the offending backslash; the message never quotes the input, which may be a secret. */
	readonly offset: number;

	constructor(message: string, offset: number) {
		super(message);
		this.offset = offset;
	}
}

const simple: Record<string, number> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39, s: 32};

function hexDigits(bytes: Buffer, start: number, count: number): number | undefined {
	const text = bytes.toString('latin1', start, start + count);
	return text.length === count && /^[0-9a-fA-F]+$/.test(text) ? Number.parseInt(text, 16) : undefined;
}

// systemd's unichar_is_valid(), applied to \U only (as upstream does).
function unicharValid(code: number): boolean {
	return code < 0x11_0000 && (code & 0xff_ff_f8_00) !== 0xd800 && !(code >= 0xfdd0 && code <= 0xfdef) && (code & 0xfffe) !== 0xfffe;
}

// utf8_encode_unichar(): plain bit packing, so \uD800 yields its 3-byte form like upstream.
function utf8(code: number): number[] {
	if (code < 0x80) {
		return [code];
	}

	if (code < 0x800) {
		return [0xc0 | (code >> 6), 0x80 | (code & 0x3f)];
	}

	if (code < 0x1_00_00) {
		return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
	}

	return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
}

/** Decodes one escape after the backslash at `at`; returns the bytes and how many input bytes it used. */
function unescapeOne(input: Buffer, at: number, acceptNul: boolean): {bytes: number[]; length: number} {
	const letter = String.fromCharCode(input[at + 1]!);
	const known = simple[letter];
	if (known !== undefined) {
		return {bytes: [known], length: 2};
	}

	if (letter === 'x') {
		const value = hexDigits(input, at + 2, 2);
		if (value === undefined || (value === 0 && !acceptNul)) {
			throw new UnescapeError('\\x needs two hexadecimal digits', at);
		}

		return {bytes: [value], length: 4};
	}

	if (letter === 'u' || letter === 'U') {
		const digits = letter === 'u' ? 4 : 8;
		const code = hexDigits(input, at + 2, digits);
		if (code === undefined || (code === 0 && !acceptNul) || (letter === 'U' && !unicharValid(code))) {
			throw new UnescapeError(`\\${letter} needs ${digits} hexadecimal digits of a valid code point`, at);
		}

		return {bytes: utf8(code), length: 2 + digits};
	}

	if (/^[0-7]$/.test(letter)) {
		const text = input.toString('latin1', at + 1, at + 4);
		const value = /^[0-7]{3}$/.test(text) ? Number.parseInt(text, 8) : undefined;
		if (value === undefined || value > 255 || (value === 0 && !acceptNul)) {
			throw new UnescapeError('an octal escape needs three digits, at most \\377', at);
		}

		return {bytes: [value], length: 4};
	}

	throw new UnescapeError('an unknown escape sequence', at);
}

export function cunescape(text: string, options: {acceptNul?: boolean} = {}): Buffer {
	const input = Buffer.from(text, 'utf8');
	const output: number[] = [];
	for (let at = 0; at < input.length; ) {
		const byte = input[at]!;
		if (byte !== 0x5c) {
			output.push(byte);
			at++;
			continue;
		}

		if (at === input.length - 1) {
			throw new UnescapeError('a trailing backslash', at);
		}

		const {bytes, length} = unescapeOne(input, at, options.acceptNul ?? false);
		output.push(...bytes);
		at += length;
	}

	return Buffer.from(output);
}
