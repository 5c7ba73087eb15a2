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
