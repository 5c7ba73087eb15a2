import {constants} from 'node:os';

/**
 * Exit statuses. As the systemd-vmspawn manual says, an errno is propagated to the
 * exit status: a bad argument exits 22 (EINVAL), a missing file 2 (ENOENT), and so on.
 */
export const errno = constants.errno;

export type ErrnoName = keyof typeof constants.errno;

export function errnoExitCode(name: string | undefined): number | undefined {
	if (name === undefined || !(name in errno)) {
		return undefined;
	}

	const code = errno[name as ErrnoName];
	return code > 0 && code < 126 ? code : undefined;
}
