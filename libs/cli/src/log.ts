/**
 * Status messages and warnings go to stderr, warnings prefixed with the tool's name; data goes to stdout.
 * Quiet (-q) hides the status messages only: a warning is still shown, as upstream's -q does.
 */
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
			stream.write(`${tool}: warning: ${message}\n`);
		},
	};
}
