/**
 * The 16 bytes of a 128-bit ID written as 32 hex digits, with or without the
 * dashes of the UUID form; undefined when it is neither. Bytes are in text order,
 * as SD_ID128_MAKE() and /etc/machine-id have them.
 */
export function parseId128(text: string): Uint8Array | undefined {
	const hex = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? text.replaceAll('-', '') : text;
	if (!/^[0-9a-f]{32}$/i.test(hex)) {
		return undefined;
	}

	return Uint8Array.from({length: 16}, (_, index) => Number.parseInt(hex.slice(2 * index, 2 * index + 2), 16));
}

/** A fixed key written in the source as a UUID; a typo is a programming error. */
export function id128Key(text: string): Uint8Array {
	const bytes = parseId128(text);
	if (bytes === undefined) {
		throw new TypeError(`not a 128-bit ID: ${text}`);
	}

	return bytes;
}
