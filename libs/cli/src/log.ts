/** Status messages and warnings go to stderr, prefixed with the tool's name; data goes to stdout. */
export type Logger = {
	readonly quiet: boolean;
	info(message: string): void;
	warn(message: string): void;
};

export function createLogger(tool: string, quiet: boolean, stream: NodeJS.WritableStream = process.stderr): Logger {
	return {
		quiet,
		info(message) {
			if (!quiet) {
				stream.write(`${message}\n`);
			}
		},
		warn(message) {
			if (!quiet) {
				stream.write(`${tool}: warning: ${message}\n`);
			}
		},
	};
}
