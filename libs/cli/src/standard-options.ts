import {renderCompletion} from './completion/index.js';
import {renderHelp} from './help.js';
import type {ParsedArgs} from './parse-args.js';
import type {ToolSpec} from './tool-spec.js';

/** The output of --help, --completion or --version when one was given (in that order), else undefined. */
export function standardOutput(spec: ToolSpec, args: ParsedArgs): string | undefined {
	if (args.values.get('help') === true) {
		return renderHelp(spec);
	}

	const shell = args.values.get('completion');
	if (typeof shell === 'string') {
		return renderCompletion(spec, shell);
	}

	if (args.values.get('version') === true) {
		return spec.versionText ?? `${spec.name} ${spec.version}\n`;
	}

	return undefined;
}
