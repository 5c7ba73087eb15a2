import {statSync} from 'node:fs';
import {CliError, errno, errnoExitCode} from '@vmspawn/cli';
import type {CompletePlan} from './complete-plan.js';

type NeededPath = {readonly path: string; readonly what: string; readonly where: string; readonly directory?: boolean};

/** The host paths a run reads, each with what it is and where the plan names it. */
function neededPaths(plan: CompletePlan): NeededPath[] {
	const {boot, fs} = plan;
	return [
		...(boot.kernel === undefined ? [] : [{path: boot.kernel, what: 'the kernel', where: 'boot.kernel'}]),
		...boot.initrds.map((path, index) => ({path, what: 'the initrd', where: `boot.initrds[${index}]`})),
		fs.root.kind === 'directory'
			? {path: fs.root.path, what: 'the root directory', where: 'fs.root.path', directory: true}
			: {path: fs.root.path, what: 'the root image', where: 'fs.root.path'},
		...fs.shares.map((share, index) => ({path: share.source, what: 'the shared directory', where: `fs.shares[${index}].source`, directory: true})),
		...fs.extraDrives.map((drive, index) => ({path: drive.path, what: 'the extra drive', where: `fs.extraDrives[${index}].path`})),
	];
}

/**
 * A plan may have been written long before it runs: a path it names that has gone
 * since fails here with one clear line, before anything starts, rather than as
 * a helper's or qemu's own complaint halfway through the start.
 */
export function refuseVanishedPaths(plan: CompletePlan): void {
	for (const {path, what, where, directory} of neededPaths(plan)) {
		let isDirectory: boolean;
		try {
			isDirectory = statSync(path).isDirectory();
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const why = code === 'ENOENT' ? 'does not exist' : `cannot be accessed (${code ?? 'unknown error'})`;
			throw new CliError(`${what} ${path} (${where}) ${why}`, {exitCode: errnoExitCode(code) ?? errno.ENOENT});
		}

		if (directory && !isDirectory) {
			throw new CliError(`${what} ${path} (${where}) is not a directory`, {exitCode: errno.ENOTDIR});
		}
	}
}
