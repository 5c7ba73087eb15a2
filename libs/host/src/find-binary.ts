import {delimiter, join} from 'node:path';
import {type HostFs, realHostFs} from './host-fs.js';

/** Finds an executable on $PATH, then in the given fallback paths (absolute). */
export function findBinary(
	name: string,
	fallbacks: readonly string[] = [],
	env: NodeJS.ProcessEnv = process.env,
	host: HostFs = realHostFs,
): string | undefined {
	const directories = (env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
	for (const candidate of [...directories.map(directory => join(directory, name)), ...fallbacks]) {
		if (host.isExecutable(candidate)) {
			return candidate;
		}
	}

	return undefined;
}
