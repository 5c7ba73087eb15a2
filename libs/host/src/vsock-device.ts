import {type Probe, probeError, unavailable} from './probe.js';

export const VHOST_VSOCK_PATH = '/dev/vhost-vsock';

/**
 * VHOST_VSOCK_SET_GUEST_CID = _IOW(VHOST_VIRTIO 0xAF, 0x60, __u64). The direction bits
 * sit elsewhere on powerpc and mips (write = 4 << 29), so the number depends on the architecture.
 */
export function vhostVsockSetGuestCid(arch: string = process.arch): number {
	return arch.startsWith('ppc') || arch.startsWith('mips') ? 0x8008af60 : 0x4008af60;
}

/** Opening the device: the fd, or why there is none (`code` is the errno name, when there was one). */
export type DeviceOpen = Probe<number> & {readonly code?: string};

/** 'ok', or the errno name the ioctl failed with (EADDRINUSE: another VM has this CID). */
export type SetCidResult = 'ok' | 'EADDRINUSE' | (string & {});

/**
 * /dev/vhost-vsock behind one small interface: the real one (real-device.ts) and an
 * imitation for tests (@vmspawn/testing's imitatedVsockDevice). The CID belongs to an fd while it stays open.
 */
export type VsockDevice = {
	readonly path: string;
	open(): Promise<DeviceOpen>;
	setGuestCid(fd: number, cid: number): SetCidResult;
	close(fd: number): void;
};

/** Upstream's rule: absent or not permitted means "no vsock here"; anything else is worth stopping for. */
export function openFailure(path: string, code: string): DeviceOpen {
	switch (code) {
		case 'ENOENT': {
			return {...unavailable(`${path} does not exist (is the vhost_vsock module loaded?)`), code};
		}

		case 'ENODEV': {
			return {...unavailable(`${path} has no driver behind it (the vhost_vsock module is not loaded)`), code};
		}

		case 'EACCES':
		case 'EPERM': {
			return {...unavailable(`${path} is not accessible to this user (${code})`), code};
		}

		default: {
			return {...probeError(`cannot open ${path}: ${code}`), code};
		}
	}
}
