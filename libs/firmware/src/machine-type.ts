import {globMatches} from './glob.js';

// Unversioned aliases that stand for the newest versioned machine type of their family.
const aliasFamilies: Record<string, string> = {q35: 'pc-q35', pc: 'pc-i440fx'};

/**
 * The names a machine type stands for. An unversioned type (q35, virt) means "the
 * newest version", which descriptors list as a glob such as `pc-q35-*`. We stand for it
 * with the literal name `pc-q35-*`: a descriptor glob that matches that literal text
 * accepts any version, while a narrower glob (`pc-q35-[1-5].*`) does not.
 */
export function machineTypeNames(type: string): string[] {
	if (/-\d+(\.\d+)*$/.test(type)) {
		return [type];
	}

	return [type, `${aliasFamilies[type] ?? type}-*`];
}

/** Whether a descriptor's machine globs include the machine type. */
export function machinesInclude(globs: readonly string[], type: string): boolean {
	const names = machineTypeNames(type);
	return globs.some(glob => names.some(name => globMatches(glob, name)));
}
