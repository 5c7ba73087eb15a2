import {closeSync} from 'node:fs';

/** First fd passed by the service manager (SD_LISTEN_FDS_START). */
export const LISTEN_FDS_START = 3;

export type ListenFds = {
	/** An open /dev/kvm, passed with the name `kvm`. */
	readonly kvm?: number;
	/** An open /dev/vhost-vsock, passed with the name `vhost-vsock`. */
	readonly vhostVsock?: number;
	/** Fds with any other name (or a second fd of a known name): the caller closes and ignores them, as upstream does. */
	readonly unknown: ReadonlyArray<{readonly fd: number; readonly name: string}>;
};

/**
 * sd_listen_fds_with_names() as a pure function of the environment: the fds are ours only
 * if LISTEN_PID is our pid; they start at 3; LISTEN_FDNAMES names them, colon-separated
 * (a missing name is `unknown`, as in systemd). Anything malformed means no fds were passed.
 */
export function parseListenFds(env: NodeJS.ProcessEnv = process.env, pid: number = process.pid): ListenFds {
	const count = env['LISTEN_FDS'];
	if (env['LISTEN_PID'] !== String(pid) || count === undefined || !/^\d+$/.test(count)) {
		return {unknown: []};
	}

	const names = env['LISTEN_FDNAMES']?.split(':') ?? [];
	let kvm: number | undefined;
	let vhostVsock: number | undefined;
	const unknown: Array<{fd: number; name: string}> = [];
	for (let index = 0; index < Number(count); index++) {
		const fd = LISTEN_FDS_START + index;
		const name = names[index] || 'unknown';
		if (name === 'kvm' && kvm === undefined) {
			kvm = fd;
		} else if (name === 'vhost-vsock' && vhostVsock === undefined) {
			vhostVsock = fd;
		} else {
			unknown.push({fd, name});
		}
	}

	return {...(kvm === undefined ? {} : {kvm}), ...(vhostVsock === undefined ? {} : {vhostVsock}), unknown};
}

export type AdoptedFds = {
	readonly kvm?: number;
	readonly vhostVsock?: number;
	/** Upstream's warning for each fd that was closed. */
	readonly warnings: string[];
};

/**
 * Takes the fds a service manager passed us: `kvm` and `vhost-vsock` are kept for their
 * users, any other is closed with upstream's warning so it does not leak into qemu.
 */
export function adoptListenFds(env: NodeJS.ProcessEnv = process.env, close: (fd: number) => void = closeSync, pid: number = process.pid): AdoptedFds {
	const passed = parseListenFds(env, pid);
	const warnings: string[] = [];
	for (const {fd, name} of passed.unknown) {
		warnings.push(`Couldn't recognize passed fd ${fd} (${name}), closing fd and ignoring...`);
		try {
			close(fd);
		} catch {
			// Not open after all: nothing to close.
		}
	}

	return {...(passed.kvm === undefined ? {} : {kvm: passed.kvm}), ...(passed.vhostVsock === undefined ? {} : {vhostVsock: passed.vhostVsock}), warnings};
}
