/**
 * The `key value` lines of a Boot Loader Specification file (a Type #1 entry or
 * loader.conf), parsed without a RegExp that could backtrack on guest text:
 * every value of every key, in order. Comments, blank lines and lines longer
 * than `maxLineLength` are skipped.
 */
export const maxLineLength = 4096;

export function parseBlsFields(text: string): Map<string, string[]> {
	const fields = new Map<string, string[]>();
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#') || line.length > maxLineLength) {
			continue;
		}

		const space = trimmed.search(/\s/);
		if (space <= 0) {
			continue;
		}

		const key = trimmed.slice(0, space);
		const values = fields.get(key) ?? [];
		values.push(trimmed.slice(space).trim());
		fields.set(key, values);
	}

	return fields;
}

/** loader.conf's `default` glob over entry ids (any `.conf` dropped), if it has one. */
export function loaderDefault(text: string): string | undefined {
	const value = parseBlsFields(text).get('default')?.[0];
	return value?.split(/\s/)[0]?.replace(/\.conf$/, '');
}
