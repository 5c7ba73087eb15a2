// Listening sockets Node cannot make itself (AF_VSOCK), polled instead of watched by the
// event loop: libuv only wraps fds of the families it knows. The same calls serve a unix
// socket, which is how tests drive a listener on a host where no guest can connect over vsock.

/** A non-blocking listening socket and the calls to serve it. */
export type StreamListener = {
	/** The port, for a vsock listener. */
	readonly port?: number;
	/** The next pending connection's fd, or undefined when none is waiting. */
	accept(): number | undefined;
	/** The byte count read into buffer, 0 at end of stream, undefined when nothing has arrived yet. */
	read(connection: number, buffer: Buffer): number | undefined;
	closeConnection(connection: number): void;
	close(): void;
};

type LibcSockets = typeof import('./libc-sockets.js');

async function listener(address: (calls: LibcSockets) => Buffer, withPort: boolean): Promise<StreamListener> {
	const calls = await import('./libc-sockets.js');
	const fd = calls.listenStream(address(calls));
	let open = true;
	return {
		...(withPort ? {port: calls.vsockPortOf(fd)} : {}),
		accept: () => calls.acceptConnection(fd),
		read: (connection, buffer) => calls.readAvailable(connection, buffer),
		closeConnection: connection => calls.closeFd(connection),
		close() {
			if (open) {
				open = false;
				calls.closeFd(fd);
			}
		},
	};
}

/**
 * Listens on AF_VSOCK for connections from any CID (a guest reaches it as CID 2, the host),
 * on `port` or, by default, a port the kernel picks (VMADDR_PORT_ANY), as upstream does.
 */
export async function listenVsockStream(port?: number): Promise<StreamListener & {readonly port: number}> {
	const result = await listener(calls => calls.vsockAddress(calls.VMADDR_ANY, port ?? calls.VMADDR_ANY), true);
	return result as StreamListener & {readonly port: number};
}

/** Listens on a unix stream socket at `path`; the caller removes the file. */
export async function listenUnixStream(path: string): Promise<StreamListener> {
	return listener(calls => calls.unixAddress(path), false);
}
