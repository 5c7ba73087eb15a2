import {builtinModules} from 'node:module';

const builtins = new Set(builtinModules);

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a relative path, a builtin or a subpath import. */
export function packageOf(specifier: string): string | undefined {
	if (/^[./#]/.test(specifier) || specifier.startsWith('node:') || /^[a-z]+:/.test(specifier)) {
		return undefined;
	}
	const parts = specifier.split('/');
	const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
	return builtins.has(name) ? undefined : name;
}
