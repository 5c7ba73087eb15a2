import {type Server, type Socket, createServer} from 'node:net';
import {NotifyPortReader} from './notify-port-reader.js';

/** vmspawn-run's end of the guest's virtio-serial notification port. */
export type NotifyPort = {
	readonly reader: NotifyPortReader;
	/** Resolves once qemu's connection has ended (qemu exited), everything sent before read. */
	readonly ended: Promise<void>;
	close(): void;
};

/**
 * Listens where qemu's client chardev connects (the socket is in the private runtime
 * directory, so only qemu does). One connection is read; another is closed at once.
 */
export async function listenNotifyPort(path: string): Promise<NotifyPort> {
	const reader = new NotifyPortReader();
	let connection: Socket | undefined;
	let end: () => void = () => undefined;
	const ended = new Promise<void>(resolve => {
		end = resolve;
	});
	const server: Server = createServer(socket => {
		socket.on('error', () => undefined);
		if (connection) {
			socket.destroy();
			return;
		}

		connection = socket;
		socket.on('data', (chunk: Buffer) => reader.push(chunk));
		socket.on('close', () => {
			reader.end();
			end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(path, () => {
			server.off('error', reject);
			resolve();
		});
	});
	return {
		reader,
		ended,
		close() {
			server.close();
			connection?.destroy();
		},
	};
}
