import {readFileSync} from 'node:fs';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import {parseId128} from './id128.js';

/** Returns the host's 16-byte machine ID; injectable so tests need no /etc/machine-id. */
export type MachineIdReader = () => Uint8Array;

export const MACHINE_ID_PATH = '/etc/machine-id';

// sd_id128_get_machine()'s error for a machine ID not set up yet; Linux's value, not in os.constants.
const ENOMEDIUM = 123;

/**
 * Reads the host's machine ID the way sd_id128_get_machine() does: 32 hex digits and
 * an optional newline. Empty, "uninitialized" (first boot) or all zeros is ENOMEDIUM.
 */
export function readHostMachineId(path = MACHINE_ID_PATH, readFile: (path: string) => string = file => readFileSync(file, 'utf8')): Uint8Array {
	let text: string;
	try {
		text = readFile(path);
	} catch (error) {
		const exitCode = errnoExitCode((error as NodeJS.ErrnoException).code) ?? errno.EIO;
		throw new CliError(`cannot read the host's machine ID from ${path}: ${(error as Error).message}`, {exitCode, cause: error});
	}

	const content = text.endsWith('\n') ? text.slice(0, -1) : text;
	if (content === '' || content === 'uninitialized') {
		throw new CliError(`the host's machine ID in ${path} is not initialized yet`, {exitCode: ENOMEDIUM});
	}

	const id = /^[0-9a-f]{32}$/i.test(content) ? parseId128(content) : undefined;
	if (id === undefined) {
		throw new CliError(`${path} does not hold a machine ID (32 hex digits)`, {exitCode: errno.EINVAL});
	}

	if (id.every(byte => byte === 0)) {
		throw new CliError(`the host's machine ID in ${path} is all zeros`, {exitCode: ENOMEDIUM});
	}

	return id;
}

/** The default reader: the real /etc/machine-id. */
export const hostMachineId: MachineIdReader = () => readHostMachineId();
