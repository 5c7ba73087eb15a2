// A bundle requires every Node module any of its code paths uses when it loads, and
// Node's own bootstrap has not loaded the heavier ones: child_process, net, crypto,
// readline and the streams behind them cost ~10 ms of a start that may need none of
// them (--help, --version, a dry run). The bundle's plain `require("node:X")` of those
// become a stand-in that requires the module on first use of any of its properties.

// Modules that Node's bootstrap does not load already (process.moduleLoadList of `node -e 0`).
const heavy = [
	'child_process',
	'crypto',
	'dgram',
	'dns',
	'fs/promises',
	'http',
	'https',
	'net',
	'readline',
	'readline/promises',
	'stream',
	'stream/promises',
	'timers/promises',
	'tls',
	'tty',
	'worker_threads',
	'zlib',
];

// esbuild turns a named or namespace import into `var import_x = require("node:x")` and each use into
// `import_x.name`, read when used. A default import goes through __toESM(), which copies every
// property at once; those stay eager (the lookbehind), as does anything without the node: prefix.
const plainRequire = new RegExp(`(?<!__toESM\\()require\\("node:(${heavy.map(name => name.replace('/', '\\/')).join('|')})"\\)`, 'g');

// Every trap loads the module, so the stand-in behaves as the module for property reads, `in`,
// enumeration and descriptors; reported configurable, as the stand-in's empty target has no fixed properties.
const helper = `var __lazyBuiltin = (id) => {
  let loaded;
  const load = () => loaded ??= require(id);
  return new Proxy({}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => { const descriptor = Reflect.getOwnPropertyDescriptor(load(), key); return descriptor && {...descriptor, configurable: true}; },
  });
};
`;

/** The bundle's text with its heavy builtin requires made lazy; the helper goes after the "use strict" line. */
export function lazyBuiltins(bundle: string): string {
	const strict = '"use strict";\n';
	if (!bundle.startsWith(strict) && !bundle.includes(`\n${strict}`)) {
		throw new Error('lazy-builtins: the bundle has no "use strict" line to put its helper after (see the banner in build.ts)');
	}

	const rewritten = bundle.replace(plainRequire, (_, name: string) => `__lazyBuiltin("node:${name}")`);
	const at = rewritten.indexOf(strict) + strict.length;
	return `${rewritten.slice(0, at)}${helper}${rewritten.slice(at)}`;
}
