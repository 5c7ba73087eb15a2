import {createServer} from 'node:net';

/**
 * A TCP port that is free on `host` right now, for forwarding to the guest's SSH port
 * (22) when there is no vsock to reach it through. The kernel picks it (bind to port 0);
 * the socket is closed again before qemu binds it, so another process could take it in
 * between. That race is small and ends in qemu failing to start with a clear
 * "could not set up host forwarding rule" error rather than in a wrong connection.
 */
export async function findFreeTcpPort(host = '127.0.0.1'): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen({host, port: 0, exclusive: true}, resolve);
	});
	const address = server.address();
	await new Promise<void>(resolve => {
		server.close(() => {
			resolve();
		});
	});
	if (address === null || typeof address === 'string') {
		throw new Error(`no TCP port was bound on ${host}`);
	}

	return address.port;
}
