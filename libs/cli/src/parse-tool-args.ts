import {keepingProcessTitle} from './keep-process-title.js';
import {type ParsedArgs, parseArgs} from './parse-args.js';
import {standardOutput} from './standard-options.js';
import type {ToolSpec} from './tool-spec.js';

/**
 * Every tool's first step: parse the command line and answer --help and --version.
 * Returns undefined when one of those was answered (the tool then exits 0).
 */
export function parseToolArgs(spec: ToolSpec, argv: readonly string[], stdout: NodeJS.WritableStream): ParsedArgs | undefined {
	// meow would rename the process: ps shows the real command line instead.
	const args = keepingProcessTitle(() => parseArgs(spec, argv));
	const standard = standardOutput(spec, args);
	if (standard !== undefined) {
		stdout.write(standard);
		return undefined;
	}

	return args;
}
