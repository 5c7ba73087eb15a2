/**
 * Every string in `value` with `from` (a runtime directory) replaced by `to`: the path
 * itself and paths inside it, also inside helper argv words (--socket-path=DIR/x.sock).
 * Per-run files all lie inside runtime.dir (check-run-files.ts), so this moves a whole run.
 */
export function rehome<Value>(value: Value, from: string, to: string): Value {
	const prefix = `${from}/`;
	const walk = (item: unknown): unknown => {
		if (typeof item === 'string') {
			return item === from ? to : item.replaceAll(prefix, `${to}/`);
		}

		if (Array.isArray(item)) {
			return item.map(walk);
		}

		if (typeof item === 'object' && item !== null) {
			return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, walk(entry)]));
		}

		return item;
	};

	return walk(value) as Value;
}
