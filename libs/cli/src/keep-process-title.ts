/**
 * Runs `action` with assignments to process.title ignored. meow names the process after
 * the tool, and on Linux Node writes a new title over the process's argv memory: ps and
 * /proc/PID/cmdline would show a bare `vmspawn-run` instead of the command line.
 */
export function keepingProcessTitle<T>(action: () => T): T {
	const own = Object.getOwnPropertyDescriptor(process, 'title');
	const {title} = process;
	Object.defineProperty(process, 'title', {
		configurable: true,
		enumerable: true,
		get: () => title,
		set() {
			// Ignored.
		},
	});
	try {
		return action();
	} finally {
		// Node's own property comes back as a plain value: the title reads the same, and nothing here sets it later.
		if (own) {
			Object.defineProperty(process, 'title', own);
		}
	}
}
