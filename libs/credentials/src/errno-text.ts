import {errno, errnoExitCode} from '@vmspawn/cli';

// Node 20 has no util.getSystemErrorMessage(); these are strerror()'s words for what a read can hit.
const strerror: Record<string, string> = {
	EACCES: 'Permission denied',
	ECONNREFUSED: 'Connection refused',
	ECONNRESET: 'Connection reset by peer',
	EEXIST: 'File exists',
	EISDIR: 'Is a directory',
	ELOOP: 'Too many levels of symbolic links',
	ENAMETOOLONG: 'File name too long',
	ENOENT: 'No such file or directory',
	ENOTDIR: 'Not a directory',
	ENOTSOCK: 'Socket operation on non-socket',
	ENXIO: 'No such device or address',
	EPERM: 'Operation not permitted',
	EPROTOTYPE: 'Protocol wrong type for socket',
	EIO: 'Input/output error',
};

/** The strerror() text and the errno exit status for a failed system call. */
export function describeErrno(error: unknown): {text: string; exitCode: number} {
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
	return {text: strerror[code] ?? code, exitCode: errnoExitCode(code) ?? errno.EIO};
}
