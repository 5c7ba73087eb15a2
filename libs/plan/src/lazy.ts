import * as z from 'zod';

// zod 4 compiles each object schema into a function (new Function) on its first parse: worth it
// for a server parsing thousands of values, a loss for a tool that parses each schema once or
// twice (~10 ms of a dry run). Set before any schema is built, since a schema reads it then.
z.config({jitless: true});

/**
 * A zod schema built on its first use. Building every schema when the module loads
 * cost each tool ~25 ms of start-up, even for --help; most runs touch few of them.
 * The proxy forwards everything to the built schema, so it is used like the schema
 * itself (`.safeParse`, `.shape`, `.optional()`, `z.infer<typeof X>`).
 */
export function lazySchema<T extends object>(build: () => T): T {
	let built: T | undefined;
	const proxy: T = new Proxy({} as T, {
		get: (_, key) => Reflect.get(schema(), key),
		set: (_, key, value) => Reflect.set(schema(), key, value),
		has: (_, key) => Reflect.has(schema(), key),
		ownKeys: () => Reflect.ownKeys(schema()),
		// Reported configurable: the proxy's own (empty) target may not claim fixed properties it lacks.
		getOwnPropertyDescriptor(_, key) {
			const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
			return descriptor && {...descriptor, configurable: true};
		},
		defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
		deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
		getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
	});
	function schema(): T {
		if (built === undefined) {
			built = build();
			// Schemas are told apart by identity in zod's registry (descriptions in the JSON Schema): the proxy gets the same entry.
			const meta = z.globalRegistry.get(built as unknown as z.ZodType);
			if (meta !== undefined) {
				z.globalRegistry.add(proxy as unknown as z.ZodType, meta);
			}
		}

		return built;
	}

	return proxy;
}
