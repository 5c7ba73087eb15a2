import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

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

function listFiles(directory: string, suffix: string): string[] {
	try {
		return readdirSync(directory).filter(name => name.endsWith(suffix) && statSync(join(directory, name)).isFile()).sort();
	} catch {
		return [];
	}
}

function parseType1(root: string, file: string): BootEntry | undefined {
	const fields = new Map<string, string[]>();
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		const match = /^\s*([a-z-]+)\s+(.*?)\s*$/.exec(line);
		if (match && !line.trimStart().startsWith('#')) {
			fields.set(match[1]!, [...(fields.get(match[1]!) ?? []), match[2]!]);
		}
	}

	const linux = fields.get('linux')?.[0];
	if (linux === undefined) {
		return undefined;
	}

	// Paths in an entry are relative to the partition that holds it.
	const inPartition = (path: string) => join(root, path);
	return {
		id: file.split('/').pop()!.replace(/\.conf$/, ''),
		type: 'type1',
		...(fields.has('title') ? {title: fields.get('title')![0]!} : {}),
		...(fields.has('version') ? {version: fields.get('version')![0]!} : {}),
		...(fields.has('sort-key') ? {sortKey: fields.get('sort-key')![0]!} : {}),
		linux: inPartition(linux),
		initrds: (fields.get('initrd') ?? []).flatMap(value => value.split(/\s+/)).map(path => inPartition(path)),
		options: (fields.get('options') ?? []).flatMap(value => value.split(/\s+/)).filter(Boolean),
	};
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

/** Every boot entry in a directory tree's ESP (/efi) and XBOOTLDR (/boot) locations, best first. */
export function findBootEntries(tree: string): BootEntry[] {
	const entries: BootEntry[] = [];
	for (const partition of ['efi', 'boot'].map(name => join(tree, name))) {
		for (const file of listFiles(join(partition, 'loader', 'entries'), '.conf')) {
			const entry = parseType1(partition, join(partition, 'loader', 'entries', file));
			if (entry) {
				entries.push(entry);
			}
		}

		for (const file of listFiles(join(partition, 'EFI', 'Linux'), '.efi')) {
			entries.push({id: file.replace(/\.efi$/, ''), type: 'type2', linux: join(partition, 'EFI', 'Linux', file), initrds: [], options: []});
		}
	}

	return entries.sort(compareEntries);
}

/** The loader.conf `default` pattern of the tree, if any (a glob over entry ids). */
function defaultPattern(tree: string): string | undefined {
	for (const file of ['efi/loader/loader.conf', 'boot/loader/loader.conf']) {
		try {
			const match = /^\s*default\s+(\S+)/m.exec(readFileSync(join(tree, file), 'utf8'));
			if (match) {
				return match[1]!.replace(/\.conf$/, '');
			}
		} catch {
			// No loader.conf there.
		}
	}

	return undefined;
}

function matchesGlob(id: string, glob: string): boolean {
	const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
	return new RegExp(`^${pattern}$`).test(id);
}

/** The entry to boot: the loader.conf default if it matches one, else the first (best) entry. */
export function defaultBootEntry(tree: string): BootEntry | undefined {
	const entries = findBootEntries(tree);
	const pattern = defaultPattern(tree);
	return (pattern === undefined ? undefined : entries.find(entry => matchesGlob(entry.id, pattern))) ?? entries[0];
}
