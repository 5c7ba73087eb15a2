import {type Stats, lstatSync, readFileSync} from 'node:fs';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import {createExclusiveFileSync, ownFileStatsProblem} from '@vmspawn/host';
import type {Section} from '@vmspawn/plan';

function failure(what: string, error: unknown): CliError {
	const {code, message} = error as NodeJS.ErrnoException;
	return new CliError(`${what}: ${message}`, {exitCode: errnoExitCode(code) ?? errno.EIO});
}

function lstatIfPresent(path: string): Stats | undefined {
	try {
		return lstatSync(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw failure(`cannot inspect the EFI variable store ${path}`, error);
	}
}

/**
 * Whether a persistent store is there to be used. It is, only as our own
 * regular file: qemu writes to it, so a symlink another user planted would
 * make us write their target, and a store they made holds variables they chose.
 */
function existingPersistentStore(path: string): boolean {
	const status = lstatIfPresent(path);
	if (status === undefined) {
		return false;
	}

	const problem = ownFileStatsProblem(status);
	if (problem) {
		throw new CliError(`refusing the EFI variable store ${path}: ${problem.reason}`, {exitCode: errno[problem.code]});
	}

	return true;
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

	if (nvram.persistent && existingPersistentStore(nvram.path)) {
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
		// Created exclusively and never through a symlink: a concurrent run's store, or
		// anything planted in its place, is never written.
		createExclusiveFileSync(nvram.path, template, 0o600);
	} catch (error) {
		throw failure(`cannot create the EFI variable store ${nvram.path}`, error);
	}

	return nvram.path;
}
