import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {type FirmwareDescriptor, parseDescriptor} from './descriptor.js';

export type LoadedEntry = {
	readonly name: string;
	readonly path: string;
	readonly state: 'loaded';
	readonly descriptor: FirmwareDescriptor;
	/** The JSON as written, for `list --json` and `describe`. */
	readonly raw: Record<string, unknown>;
};

export type BrokenEntry = {
	readonly name: string;
	readonly path: string;
	readonly state: 'broken';
	readonly problem: string;
	/** The errno code when the file could not be read. */
	readonly code?: string;
	readonly raw?: unknown;
};

export type MaskedEntry = {readonly name: string; readonly path: string; readonly state: 'masked'};

export type DescriptorEntry = LoadedEntry | BrokenEntry | MaskedEntry;

/** Reads and validates one descriptor; a problem is returned as data, never thrown. */
export function loadDescriptor(path: string, name: string = basename(path)): LoadedEntry | BrokenEntry {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const {code, message} = error as NodeJS.ErrnoException;
		return {name, path, state: 'broken', problem: `cannot read: ${message}`, ...(code ? {code} : {})};
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		return {name, path, state: 'broken', problem: `not valid JSON: ${(error as Error).message}`};
	}

	const parsed = parseDescriptor(raw);
	if ('problem' in parsed) {
		return {name, path, state: 'broken', problem: parsed.problem, raw};
	}

	return {name, path, state: 'loaded', descriptor: parsed.descriptor, raw: raw as Record<string, unknown>};
}
