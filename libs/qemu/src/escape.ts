/** qemu option-value escaping: a comma inside a value is written twice. */
export function escapeValue(value: string): string {
	return value.replaceAll(',', ',,');
}

/** Builds `key=value,key=value` with every value escaped; undefined values are left out. */
export function keyValues(entries: ReadonlyArray<readonly [string, string | number | boolean | undefined]>): string {
	return entries
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key}=${typeof value === 'boolean' ? (value ? 'on' : 'off') : escapeValue(String(value))}`)
		.join(',');
}
