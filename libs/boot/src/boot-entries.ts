import {join} from 'node:path';
import {describeFailure, errno} from '@vmspawn/cli';
import {chaseDirectoryInRoot, chaseFileInRoot} from './chase.js';
import {compileGlob} from './fnmatch.js';
import {listGuestDirectory, maxEntriesPerDirectory as maxBootEntries, maxGuestNameLength, readGuestText} from './guest-files.js';
import {loaderDefault, parseBlsFields} from './loader-conf.js';

/** A Boot Loader Specification entry: Type #1 (a .conf file) or Type #2 (a unified kernel image). */
export type BootEntry = {
	readonly id: string;
	readonly type: 'type1' | 'type2';
	readonly title?: string;
	readonly version?: string;
	readonly sortKey?: string;
	readonly linux: string;
	readonly initrds: readonly string[];
	readonly options: readonly string[];
};

/** Told why an entry of the guest's was not taken (a path out of reach, a file too large...). */
export type Warn = (message: string) => void;

const ignoreWarning: Warn = () => undefined;

// Every path below comes from the guest's tree: each is resolved with chase, inside
// the partition directory that holds it, which is itself resolved inside the tree.
function parseType1(partition: string, name: string): BootEntry | undefined {
	const fields = parseBlsFields(readGuestText(chaseFileInRoot(partition, join('loader/entries', name))));
	const linux = fields.get('linux')?.[0];
	if (linux === undefined) {
		return undefined;
	}

	const first = (key: string) => fields.get(key)?.[0];
	const words = (key: string) => (fields.get(key) ?? []).flatMap(value => value.split(/\s+/)).filter(Boolean);
	return {
		id: name.replace(/\.conf$/, ''),
		type: 'type1',
		...(fields.has('title') ? {title: first('title')!} : {}),
		...(fields.has('version') ? {version: first('version')!} : {}),
		...(fields.has('sort-key') ? {sortKey: first('sort-key')!} : {}),
		// Paths in an entry are relative to the partition that holds it.
		linux: chaseFileInRoot(partition, linux),
		initrds: words('initrd').map(path => chaseFileInRoot(partition, path)),
		options: words('options'),
	};
}

function type2(partition: string, name: string): BootEntry {
	return {id: name.replace(/\.efi$/, ''), type: 'type2', linux: chaseFileInRoot(partition, join('EFI/Linux', name)), initrds: [], options: []};
}

// Newest first, as boot loaders show them: sort-key, then version descending, then id.
function compareEntries(a: BootEntry, b: BootEntry): number {
	if ((a.sortKey === undefined) !== (b.sortKey === undefined)) {
		return a.sortKey === undefined ? 1 : -1;
	}

	const byKey = (a.sortKey ?? '').localeCompare(b.sortKey ?? '');
	const byVersion = (b.version ?? '').localeCompare(a.version ?? '', undefined, {numeric: true});
	return byKey || byVersion || b.id.localeCompare(a.id, undefined, {numeric: true});
}

/** The tree's ESP (/efi) and XBOOTLDR (/boot) directories, resolved inside it, each once. */
function partitions(tree: string): string[] {
	const found = ['efi', 'boot'].map(name => chaseDirectoryInRoot(tree, name)).filter(path => path !== undefined);
	return [...new Set(found)];
}

type Candidate = {readonly partition: string; readonly directory: string; readonly name: string; readonly read: typeof parseType1};

function candidatesIn(partition: string, directory: string, suffix: string, read: Candidate['read']): Candidate[] {
	const resolved = chaseDirectoryInRoot(partition, directory);
	return resolved === undefined ? [] : listGuestDirectory(resolved, suffix).map(name => ({partition, directory, name, read}));
}

function readCandidate({partition, directory, name, read}: Candidate, warn: Warn): BootEntry | undefined {
	try {
		return read(partition, name);
	} catch (error) {
		warn(`ignoring boot entry ${join(partition, directory, name)}: ${describeFailure(error).message}`);
		return undefined;
	}
}

/** Every boot entry in a directory tree's ESP (/efi) and XBOOTLDR (/boot) locations, best first; at most 1024 in all are read. */
export function findBootEntries(tree: string, warn: Warn = ignoreWarning): BootEntry[] {
	const candidates = partitions(tree).flatMap(partition => [
		...candidatesIn(partition, 'loader/entries', '.conf', parseType1),
		...candidatesIn(partition, 'EFI/Linux', '.efi', type2),
	]);
	if (candidates.length > maxBootEntries) {
		warn(`ignoring ${candidates.length - maxBootEntries} of the ${candidates.length} boot entries in ${tree}: at most ${maxBootEntries} are read`);
	}

	return candidates
		.slice(0, maxBootEntries)
		.map(candidate => readCandidate(candidate, warn))
		.filter(entry => entry !== undefined)
		.sort(compareEntries);
}

/** The loader.conf `default` pattern of the tree, if any (a glob over entry ids). */
function defaultPattern(tree: string, warn: Warn): string | undefined {
	for (const partition of partitions(tree)) {
		try {
			const pattern = loaderDefault(readGuestText(chaseFileInRoot(partition, 'loader/loader.conf')));
			if (pattern !== undefined) {
				return pattern;
			}
		} catch (error) {
			const {message, exitCode} = describeFailure(error);
			if (exitCode !== errno.ENOENT) {
				warn(`ignoring ${join(partition, 'loader/loader.conf')}: ${message}`);
			}
		}
	}

	return undefined;
}

/** The entry to boot: the loader.conf default if it matches one, else the first (best) entry. */
export function defaultBootEntry(tree: string, warn: Warn = ignoreWarning): BootEntry | undefined {
	const entries = findBootEntries(tree, warn);
	const pattern = defaultPattern(tree, warn);
	if (pattern === undefined) {
		return entries[0];
	}

	// Matching costs pattern × id at worst: a pattern longer than any id it could match is not tried.
	if (pattern.length > maxGuestNameLength) {
		warn(`ignoring the loader.conf default of ${tree}: longer than ${maxGuestNameLength} characters`);
		return entries[0];
	}

	const matches = compileGlob(pattern);
	return entries.find(entry => matches(entry.id)) ?? entries[0];
}
