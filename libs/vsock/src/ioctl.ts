// Loaded with import() only once a real /dev/vhost-vsock is open, so no tool pays for the FFI at start-up.
import {constants} from 'node:os';
import koffi from 'koffi';

export type Ioctl = (fd: number, request: number, argument: Buffer) => string | undefined;

// dlopen(NULL): libc's ioctl() is already in the process, whichever libc (glibc or musl) that is.
const ioctl = koffi.load(null).func('int ioctl(int fd, unsigned long request, ...)');

function errnoName(value: number): string {
	return Object.entries(constants.errno).find(([, number]) => number === value)?.[0] ?? `errno ${value}`;
}

/** ioctl(fd, request, argument) with a pointer argument; undefined on success, else the errno name. */
export const callIoctl: Ioctl = (fd, request, argument) => (ioctl(fd, request, 'void *', argument) === 0 ? undefined : errnoName(koffi.errno()));
