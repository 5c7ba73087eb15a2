// Node has neither AF_VSOCK sockets nor unix datagram sockets, so the few calls they need go
// through koffi into libc. Loaded with import() only where used, so no tool pays for it at start-up.
import {constants} from 'node:os';
import {errnoName, lastErrno, libc} from './libc.js';

const socketCall = libc.func('int socket(int domain, int type, int protocol)');
const bindCall = libc.func('int bind(int fd, void *address, uint32_t length)');
const listenCall = libc.func('int listen(int fd, int backlog)');
const getsocknameCall = libc.func('int getsockname(int fd, _Out_ uint8_t *address, _Inout_ uint32_t *length)');
const accept4Call = libc.func('int accept4(int fd, void *address, void *length, int flags)');
const readCall = libc.func('long read(int fd, _Out_ uint8_t *buffer, unsigned long count)');
const sendtoCall = libc.func('long sendto(int fd, void *buffer, unsigned long length, int flags, void *address, uint32_t addressLength)');
const closeCall = libc.func('int close(int fd)');

const AF_UNIX = 1;
const AF_VSOCK = 40;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const SOCK_NONBLOCK = 0o4000;
const SOCK_CLOEXEC = 0o2000000;
const MSG_NOSIGNAL = 0x4000;
/** VMADDR_CID_ANY and VMADDR_PORT_ANY: any local CID, a port the kernel picks. */
export const VMADDR_ANY = 0xff_ff_ff_ff;

export class SocketCallError extends Error {
	override name = 'SocketCallError';
	constructor(
		readonly call: string,
		readonly code: string,
	) {
		super(`${call}() failed: ${code}`);
	}
}

function failed(call: string): SocketCallError {
	return new SocketCallError(call, errnoName(lastErrno()));
}

// Non-blocking calls that found nothing to do; the caller polls again later.
function wouldBlock(): boolean {
	const code = lastErrno();
	return code === constants.errno.EAGAIN || code === constants.errno.EWOULDBLOCK || code === constants.errno.EINTR;
}

/** struct sockaddr_vm: family, reserved, port, cid, flags and padding; 16 bytes. */
export function vsockAddress(cid: number, port: number): Buffer {
	const address = Buffer.alloc(16);
	address.writeUInt16LE(AF_VSOCK, 0);
	address.writeUInt32LE(port, 4);
	address.writeUInt32LE(cid, 8);
	return address;
}

/** struct sockaddr_un; a leading @ names an abstract socket, as in $NOTIFY_SOCKET. */
export function unixAddress(path: string): Buffer {
	const name = Buffer.from(path.startsWith('@') ? `\0${path.slice(1)}` : path);
	if (name.length > 107) {
		throw new SocketCallError('bind', 'ENAMETOOLONG');
	}

	const address = Buffer.alloc(2 + name.length + (path.startsWith('@') ? 0 : 1));
	address.writeUInt16LE(AF_UNIX, 0);
	name.copy(address, 2);
	return address;
}

function familyOf(address: Buffer): number {
	return address.readUInt16LE(0);
}

export function closeFd(fd: number): void {
	closeCall(fd);
}

/** A non-blocking, close-on-exec stream socket listening on `address`; its fd. */
export function listenStream(address: Buffer, backlog = 16): number {
	const fd = socketCall(familyOf(address), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0) as number;
	if (fd < 0) {
		throw failed('socket');
	}

	const call = bindCall(fd, address, address.length) === 0 ? (listenCall(fd, backlog) === 0 ? undefined : 'listen') : 'bind';
	if (call) {
		const error = failed(call);
		closeCall(fd);
		throw error;
	}

	return fd;
}

/** The port a vsock socket is bound to (the kernel's pick for VMADDR_PORT_ANY). */
export function vsockPortOf(fd: number): number {
	const address = Buffer.alloc(16);
	const length = [address.length];
	if (getsocknameCall(fd, address, length) !== 0) {
		throw failed('getsockname');
	}

	return address.readUInt32LE(4);
}

/** The next pending connection as a non-blocking fd, or undefined when none is waiting. */
export function acceptConnection(fd: number): number | undefined {
	const connection = accept4Call(fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC) as number;
	if (connection >= 0) {
		return connection;
	}

	if (wouldBlock() || lastErrno() === constants.errno.ECONNABORTED) {
		return undefined;
	}

	throw failed('accept4');
}

/** Reads what is there: the byte count (0 at end of stream), or undefined when nothing has arrived yet. */
export function readAvailable(fd: number, buffer: Buffer): number | undefined {
	const count = Number(readCall(fd, buffer, buffer.length));
	if (count >= 0) {
		return count;
	}

	if (wouldBlock()) {
		return undefined;
	}

	throw failed('read');
}

/** Sends one datagram on a fresh unix datagram socket (sd_notify's transport). */
export function sendUnixDatagram(address: Buffer, data: Buffer): void {
	const fd = socketCall(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0) as number;
	if (fd < 0) {
		throw failed('socket');
	}

	try {
		if (Number(sendtoCall(fd, data, data.length, MSG_NOSIGNAL, address, address.length)) < 0) {
			throw failed('sendto');
		}
	} finally {
		closeCall(fd);
	}
}
