import {available, type DeviceOpen, VHOST_VSOCK_PATH, type SetCidResult, type VsockDevice, openFailure} from '@vmspawn/host';

export type ImitationOptions = {
	/** The errno name opening fails with, e.g. ENOENT; absent: the device opens. */
	readonly openError?: string;
	/** CIDs other VMs hold. */
	readonly taken?: Iterable<number>;
	/** Every CID is held by another VM. */
	readonly allTaken?: boolean;
	/** Every ioctl fails with this errno name, e.g. EPERM. */
	readonly setError?: string;
};

export type ImitatedDevice = VsockDevice & {
	/** Every CID asked for, in order. */
	readonly attempts: number[];
	/** CIDs held by fds of this device that are still open. */
	readonly held: ReadonlyMap<number, number>;
	readonly openFds: ReadonlySet<number>;
};

/** An imitation of /dev/vhost-vsock that behaves like the kernel's: one CID per open fd, freed on close. */
export function imitatedVsockDevice(options: ImitationOptions = {}): ImitatedDevice {
	const taken = new Set(options.taken);
	const held = new Map<number, number>();
	const openFds = new Set<number>();
	const attempts: number[] = [];
	let nextFd = 100;
	return {
		path: VHOST_VSOCK_PATH,
		attempts,
		held,
		openFds,
		async open(): Promise<DeviceOpen> {
			if (options.openError) {
				return openFailure(VHOST_VSOCK_PATH, options.openError);
			}

			const fd = nextFd++;
			openFds.add(fd);
			return available(fd);
		},
		setGuestCid(fd, cid): SetCidResult {
			attempts.push(cid);
			if (options.setError) {
				return options.setError;
			}

			const holder = held.get(cid);
			if (options.allTaken || taken.has(cid) || (holder !== undefined && holder !== fd)) {
				return 'EADDRINUSE';
			}

			for (const [heldCid, heldFd] of held) {
				if (heldFd === fd) {
					held.delete(heldCid);
				}
			}

			held.set(cid, fd);
			return 'ok';
		},
		close(fd) {
			openFds.delete(fd);
			for (const [cid, holder] of held) {
				if (holder === fd) {
					held.delete(cid);
				}
			}
		},
	};
}
