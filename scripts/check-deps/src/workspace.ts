import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';

/** A tsconfig of a package and the package directories it references. */
export type Tsconfig = {file: string; references: string[]};

export type Package = {
	name: string;
	dir: string;
	dependencies: string[];
	devDependencies: string[];
	/** A package with commands may be depended on to run them (by path), not to import it. */
	hasBin: boolean;
	/** Source files, relative to `dir`. */
	files: string[];
	tsconfigs: Tsconfig[];
};

export type Workspace = {
	root: string;
	/** The root package's devDependencies: the toolchain (ava, tsx, …) every package's tests may use. */
	toolchain: string[];
	packages: Package[];
};

const sourceFile = /(?<!\.d)\.[cm]?[jt]s$/;
const skippedDirs = new Set(['node_modules', 'dist']);

function readJson(path: string): Record<string, unknown> {
	// Plain JSON: this repository's tsconfig files carry no comments.
	return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function keys(value: unknown): string[] {
	return Object.keys((value ?? {}) as object);
}

/** The workspace at `root`: its package.json's "workspaces", each `dir` or `dir/*`. */
export function readWorkspace(root: string): Workspace {
	const manifest = readJson(join(root, 'package.json'));
	const patterns = (manifest['workspaces'] ?? []) as string[];
	// "." is the root itself, a workspace only so that changesets versions it: its dependencies are the bundles'.
	const dirs = patterns.filter(pattern => pattern !== '.').flatMap(pattern => expand(root, pattern));
	return {root, toolchain: keys(manifest['devDependencies']), packages: dirs.map(readPackage)};
}

function expand(root: string, pattern: string): string[] {
	if (!pattern.endsWith('/*')) {
		return [join(root, pattern)];
	}
	const parent = join(root, pattern.slice(0, -2));
	return readdirSync(parent, {withFileTypes: true})
		.filter(entry => entry.isDirectory() && existsSync(join(parent, entry.name, 'package.json')))
		.map(entry => join(parent, entry.name))
		.sort();
}

export function readPackage(dir: string): Package {
	const manifest = readJson(join(dir, 'package.json'));
	return {
		name: manifest['name'] as string,
		dir,
		dependencies: keys(manifest['dependencies']),
		devDependencies: keys(manifest['devDependencies']),
		hasBin: manifest['bin'] !== undefined,
		files: sourceFiles(dir).map(file => relative(dir, file)),
		tsconfigs: ['tsconfig.json', 'tsconfig.test.json'].filter(file => existsSync(join(dir, file))).map(file => readTsconfig(dir, file)),
	};
}

function readTsconfig(dir: string, file: string): Tsconfig {
	const references = (readJson(join(dir, file))['references'] ?? []) as Array<{path: string}>;
	return {
		file,
		references: references.map(reference => {
			const target = resolve(dir, reference.path);
			return target.endsWith('.json') ? dirname(target) : target;
		}),
	};
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			return skippedDirs.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path);
		}
		return entry.isFile() && sourceFile.test(entry.name) ? [path] : [];
	});
}
