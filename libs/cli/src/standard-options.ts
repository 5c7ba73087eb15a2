import {renderHelp} from './help.js';
import type {ParsedArgs} from './parse-args.js';
import type {ToolSpec} from './tool-spec.js';

/** The output of --help or --version when either was given (help wins), else undefined. */
export function standardOutput(spec: ToolSpec, args: ParsedArgs): string | undefined {
	if (args.values.get('help') === true) {
		return renderHelp(spec);
	}

	if (args.values.get('version') === true) {
		return `${spec.name} ${spec.version}\n`;
	}

	return undefined;
}
