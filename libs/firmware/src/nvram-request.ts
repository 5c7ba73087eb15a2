import {statSync} from 'node:fs';
import {CliError, errno, errnoExitCode, invalidOption} from '@vmspawn/cli';
import {parsePathOption} from './options.js';

/** --efi-nvram-state=: off (a per-run copy), auto (beside the root), or a file kept across runs. */
export type NvramStateRequest = {readonly kind: 'off'} | {readonly kind: 'auto'} | {readonly kind: 'path'; readonly path: string};

/** Empty means the default, auto, as upstream v261. */
export function parseNvramState(value: string | undefined, cwd?: string): NvramStateRequest {
	if (value === undefined || value === '' || value === 'auto') {
		return {kind: 'auto'};
	}

	if (value === 'off') {
		return {kind: 'off'};
	}

	return {kind: 'path', path: parsePathOption('efi-nvram-state', value, cwd)!};
}

/**
 * --efi-nvram-template=: a variable store of the user's own (e.g. with their
 * Secure Boot keys) that fresh state is copied from. Checked now, so a typo
 * fails before anything starts rather than when qemu is about to.
 */
export function parseNvramTemplate(value: string | undefined, cwd?: string): string | undefined {
	const path = parsePathOption('efi-nvram-template', value, cwd);
	if (path === undefined) {
		return undefined;
	}

	let isFile: boolean;
	try {
		isFile = statSync(path).isFile();
	} catch (error) {
		const {code, message} = error as NodeJS.ErrnoException;
		throw new CliError(`cannot use --efi-nvram-template=${value}: ${message}`, {exitCode: errnoExitCode(code) ?? errno.EIO});
	}

	if (!isFile) {
		throw invalidOption('efi-nvram-template', value!, 'not a regular file');
	}

	return path;
}
