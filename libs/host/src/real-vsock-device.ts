import {closeSync, openSync} from 'node:fs';
import {parseListenFds} from './listen-fds.js';
import type {Ioctl} from './libc.js';
import {available, unavailable} from './probe.js';
import {type DeviceOpen, VHOST_VSOCK_PATH, type VsockDevice, openFailure, vhostVsockSetGuestCid} from './vsock-device.js';

export type RealDeviceOptions = {
	readonly path?: string;
	/** An already open vhost-vsock fd, e.g. passed in through sd_listen_fds as `vhost-vsock`. */
	readonly fd?: number;
};

/** The host's /dev/vhost-vsock; the CID is set with ioctl() through koffi, loaded on first open. */
export function realVsockDevice(options: RealDeviceOptions = {}): VsockDevice {
	const path = options.path ?? VHOST_VSOCK_PATH;
	let ioctl: Ioctl | undefined;
	return {
		path,
		async open(): Promise<DeviceOpen> {
			let fd = options.fd;
			if (fd === undefined) {
				try {
					fd = openSync(path, 'r+');
				} catch (error) {
					return openFailure(path, (error as NodeJS.ErrnoException).code ?? 'EIO');
				}
			}

			try {
				ioctl ??= (await import('./libc.js')).callIoctl;
			} catch (error) {
				if (options.fd === undefined) {
					closeSync(fd);
				}

				return unavailable(`${path} is there, but ioctl() cannot be called from Node here (koffi: ${(error as Error).message})`);
			}

			return available(fd);
		},
		setGuestCid(fd, cid) {
			if (!ioctl) {
				throw new Error('setGuestCid() before open()');
			}

			const argument = Buffer.alloc(8);
			argument.writeBigUInt64LE(BigInt(cid));
			return ioctl(fd, vhostVsockSetGuestCid(), argument) ?? 'ok';
		},
		close(fd) {
			closeSync(fd);
		},
	};
}

/** The device as upstream finds it: a `vhost-vsock` fd passed with sd_listen_fds, else /dev/vhost-vsock. */
export function hostVsockDevice(env: NodeJS.ProcessEnv = process.env): VsockDevice {
	const passed = parseListenFds(env).vhostVsock;
	return realVsockDevice(passed === undefined ? {} : {fd: passed});
}
