// Hand-written rather than knip or depcheck: neither checks tsconfig project references, and
// knip brings native oxc binaries for which the registry here lacks other platforms' builds.
import {existsSync} from 'node:fs';
import {join, relative} from 'node:path';
import {importsOf} from './imports.js';
import {packageOf} from './specifier.js';
import type {Package, Workspace} from './workspace.js';

/** What a package's files import, by package name. */
type Uses = {
	/** Imported by the package's own code (src/ and bin/), at run time or for types. */
	production: Set<string>;
	/** Imported by anything else in the package (tests, helpers). */
	other: Set<string>;
};

/** Whether `file` is the package's own code, what it ships, rather than its tests and their helpers. */
function isProduction(file: string): boolean {
	return /^(src|bin)\//.test(file);
}

/** A package without src/ (e2e, bench) ships nothing: its dependencies and devDependencies are one. */
function shipsCode(pkg: Package): boolean {
	return existsSync(join(pkg.dir, 'src'));
}

/** The mismatches of one package, one sentence each; none when it is consistent. */
export async function checkPackage(pkg: Package, workspace: Workspace): Promise<string[]> {
	const imports = await importsOf(pkg.files.map(file => join(pkg.dir, file)));
	const uses: Uses = {production: new Set(), other: new Set()};
	// name -> the files importing it, and whether one needs it at run time
	const undeclared = new Map<string, {files: Set<string>; atRunTime: boolean}>();
	const declared = new Set([...pkg.dependencies, ...pkg.devDependencies, ...workspace.toolchain, pkg.name]);
	for (const {file: path, specifier, typeOnly} of imports) {
		const name = packageOf(specifier);
		if (name === undefined || name === pkg.name) {
			continue;
		}
		const file = relative(pkg.dir, path);
		const production = isProduction(file);
		(production ? uses.production : uses.other).add(name);
		// A type-only import is gone at run time: a devDependency serves it.
		const atRunTime = production && !typeOnly;
		if (atRunTime ? !pkg.dependencies.includes(name) : !declared.has(name)) {
			const entry = undeclared.get(name) ?? {files: new Set(), atRunTime: false};
			entry.files.add(file);
			entry.atRunTime ||= atRunTime;
			undeclared.set(name, entry);
		}
	}
	return [
		...[...undeclared]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(
				([name, {files, atRunTime}]) =>
					`${name} is imported (${[...files].sort().join(', ')}) but not in ${atRunTime ? 'dependencies' : 'dependencies or devDependencies'}`,
			),
		...unusedDeclarations(pkg, workspace, uses),
		...referenceMismatches(pkg, workspace, uses),
	];
}

function unusedDeclarations(pkg: Package, workspace: Workspace, uses: Uses): string[] {
	const problems: string[] = [];
	for (const name of pkg.dependencies) {
		if (uses.production.has(name) || isCommand(name, workspace) || (!shipsCode(pkg) && uses.other.has(name))) {
			continue;
		}
		problems.push(uses.other.has(name) ? `dependency ${name} is imported only outside src/: make it a devDependency` : `dependency ${name} is not imported`);
	}
	for (const name of pkg.devDependencies) {
		if (!uses.production.has(name) && !uses.other.has(name)) {
			problems.push(`devDependency ${name} is not imported`);
		}
	}
	return problems;
}

/** A workspace package with commands, depended on to run them. */
function isCommand(name: string, workspace: Workspace): boolean {
	return workspace.packages.some(other => other.name === name && other.hasBin);
}

/**
 * tsconfig.json must reference the workspace packages src/ imports, and tsconfig.test.json those
 * any file imports: what tsc -b builds first, so their types are there.
 */
function referenceMismatches(pkg: Package, workspace: Workspace, uses: Uses): string[] {
	const problems: string[] = [];
	for (const tsconfig of pkg.tsconfigs) {
		const wanted = tsconfig.file === 'tsconfig.json' ? uses.production : new Set([...uses.production, ...uses.other]);
		const wantedDirs = new Map(workspace.packages.filter(other => wanted.has(other.name)).map(other => [other.dir, other.name]));
		for (const [dir, name] of wantedDirs) {
			if (!tsconfig.references.includes(dir)) {
				problems.push(`${tsconfig.file} has no reference to ${relative(pkg.dir, dir)} (${name})`);
			}
		}
		for (const dir of tsconfig.references) {
			if (!wantedDirs.has(dir)) {
				problems.push(`${tsconfig.file} references ${relative(pkg.dir, dir)}, which it does not import`);
			}
		}
	}
	return problems;
}
