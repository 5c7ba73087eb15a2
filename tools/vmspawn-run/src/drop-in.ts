import {basename} from 'node:path';
import {type ToolSpec, VERSION} from '@vmspawn/cli';
import {spec} from './spec.js';

/** The name under which vmspawn-run stands in for upstream's tool (a symbolic link the user makes). */
export const DROP_IN_NAME = 'systemd-vmspawn';

/**
 * The systemd version the drop-in answers --version with. mkosi reads the third word of the
 * first line, without parentheses, and wants at least 256 (`systemd_tool_version`), so the
 * line keeps upstream's shape `systemd-vmspawn N (N)`; the second says what it really is.
 */
export const CLAIMED_SYSTEMD_VERSION = 262;

/** The spec to run with: the drop-in's when the command was invoked as systemd-vmspawn (argv[1] is the link's path). */
export function specForInvocation(script: string | undefined): ToolSpec {
	if (script === undefined || basename(script) !== DROP_IN_NAME) {
		return spec;
	}

	const versionText = `${DROP_IN_NAME} ${CLAIMED_SYSTEMD_VERSION} (${CLAIMED_SYSTEMD_VERSION})\nvmspawn-ts ${VERSION} (vmspawn-run)\n`;
	return {...spec, name: DROP_IN_NAME, versionText};
}
