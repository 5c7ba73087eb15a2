import {fileURLToPath} from 'node:url';

/** A fixture directory's absolute path. */
export function fixture(path: string): string {
	return fileURLToPath(new URL(`fixtures/${path}`, import.meta.url));
}

export const layeredDirs = ['user', 'etc', 'share'].map(name => fixture(`layered/${name}`));
export const selectDirs = [fixture('select')];
