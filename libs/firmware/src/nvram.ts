import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';

function failure(what: string, error: unknown): CliError {
	const {code, message} = error as NodeJS.ErrnoException;
	return new CliError(`${what}: ${message}`, {exitCode: errnoExitCode(code) ?? errno.EIO});
}

/**
 * At run time, before qemu starts: puts the variable store where the plan says.
 * A per-run store is a fresh copy of the template; a persistent one (--efi-nvram-state)
 * is created from the template only when missing, and otherwise left alone.
 * Returns the store's path, or undefined when the firmware keeps no variables.
 */
export function prepareFirmwareVars(firmware: Section<'firmware'>): string | undefined {
	const {nvram, varsTemplate} = firmware;
	if (nvram === undefined) {
		return undefined;
	}

	if (nvram.persistent && existsSync(nvram.path)) {
		return nvram.path;
	}

	if (varsTemplate === undefined) {
		throw new CliError(`cannot create the EFI variable store ${nvram.path}: the firmware section names no template`, {exitCode: errno.ENOENT});
	}

	let template: Buffer;
	try {
		template = readFileSync(varsTemplate.path);
	} catch (error) {
		throw failure(`cannot read the EFI variable template ${varsTemplate.path}`, error);
	}

	try {
		// The variables may hold secrets (enrolled keys, boot entries): 0600 from the start.
		// A persistent store is created exclusively so a concurrent run is never overwritten.
		writeFileSync(nvram.path, template, {mode: 0o600, flag: nvram.persistent ? 'wx' : 'w'});
		chmodSync(nvram.path, 0o600);
	} catch (error) {
		throw failure(`cannot create the EFI variable store ${nvram.path}`, error);
	}

	return nvram.path;
}
