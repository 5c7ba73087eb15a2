// libc through koffi, for the few calls Node lacks: AF_VSOCK and unix datagram sockets, ioctl().
// The subpath export @vmspawn/host/libc, loaded with import() only where used: koffi stays off
// every tool's start-up path, and the bundles allow no top-level await.
import {constants} from 'node:os';
import koffi from 'koffi';

// dlopen(NULL): libc is already in the process, whichever libc (glibc or musl) that is.
export const libc = koffi.load(null);

const ioctlCall = libc.func('int ioctl(int fd, unsigned long request, ...)');

/** errno after the last failed libc call. */
export function lastErrno(): number {
	return koffi.errno();
}

/**
 * The name of an errno value, `errno N` for one Node does not name. Not util.getSystemErrorName:
 * that names 0 and unknown values differently, and these names reach messages and callers.
 */
export function errnoName(value: number): string {
	return Object.entries(constants.errno).find(([, number]) => number === value)?.[0] ?? `errno ${value}`;
}

export type Ioctl = (fd: number, request: number, argument: Buffer) => string | undefined;

/** ioctl(fd, request, argument) with a pointer argument; undefined on success, else the errno name. */
export const callIoctl: Ioctl = (fd, request, argument) => (ioctlCall(fd, request, 'void *', argument) === 0 ? undefined : errnoName(lastErrno()));
