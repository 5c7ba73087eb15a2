/**
 * sd_notify(): tells the service manager that started us about our state (READY=1,
 * STATUS=...) through $NOTIFY_SOCKET, a unix datagram socket (a path, or @name for an
 * abstract one). Without $NOTIFY_SOCKET it does nothing. Returns a warning instead of
 * throwing: a manager that cannot be told must not stop the VM.
 */
export async function notifyServiceManager(state: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
	const socket = env['NOTIFY_SOCKET'];
	if (socket === undefined || socket === '') {
		return undefined;
	}

	if (!socket.startsWith('/') && !socket.startsWith('@')) {
		return `cannot notify the service manager: $NOTIFY_SOCKET=${socket} is not a unix socket (a path or @name)`;
	}

	try {
		const calls = await import('./libc-sockets.js');
		calls.sendUnixDatagram(calls.unixAddress(socket), Buffer.from(state));
		return undefined;
	} catch (error) {
		return `cannot notify the service manager through ${socket}: ${(error as Error).message}`;
	}
}
