import {accessSync, closeSync, constants, existsSync, openSync, readFileSync, statSync} from 'node:fs';

/**
 * The few host facts the probes read, behind one interface so tests can describe
 * a host that has (or lacks) a device without touching the real one.
 */
export type HostFs = {
	readFile(path: string): string | undefined;
	exists(path: string): boolean;
	/** Opens read-write and closes again; returns the errno code on failure. */
	tryOpenReadWrite(path: string): string | undefined;
	isExecutable(path: string): boolean;
};

export const realHostFs: HostFs = {
	readFile(path) {
		try {
			return readFileSync(path, 'utf8');
		} catch {
			return undefined;
		}
	},
	exists: path => existsSync(path),
	tryOpenReadWrite(path) {
		try {
			closeSync(openSync(path, constants.O_RDWR));
			return undefined;
		} catch (error) {
			return (error as NodeJS.ErrnoException).code ?? 'EIO';
		}
	},
	isExecutable(path) {
		try {
			accessSync(path, constants.X_OK);
			return statSync(path).isFile();
		} catch {
			return false;
		}
	},
};
