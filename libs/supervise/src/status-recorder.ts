import type {Logger} from '@vmspawn/cli';
import {currentProcessIdentity} from '@vmspawn/host';
import {type HelperProcess, STATUS_FORMAT_VERSION, type VmState, type VmStatus} from '@vmspawn/plan';
import {writeStatusFile} from './status-file.js';

/** What the status file says about the VM itself; the supervisor adds the processes, sockets and state. */
export type VmDescription = Pick<VmStatus, 'name' | 'console' | 'root'> & {
	readonly uuid?: string | undefined;
	readonly vsockCid?: number | undefined;
	/** How to log into the guest, from whoever set up SSH access; copied into the status as it is. */
	readonly ssh?: {readonly command: readonly string[]} | undefined;
};

export type StatusRecorder = {
	/** qemu and every helper are running. */
	running(qemuPid: number | undefined, helpers: ReadonlyArray<{readonly spec: HelperProcess; readonly child: {readonly pid?: number | undefined}}>): void;
	/** The guest was asked to power off, or qemu ended and the run cleans up; later calls change nothing. */
	stopping(): void;
};

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * Writes the run's status file now (state starting) and again on each change of
 * state. A status that cannot be written is warned about once and the VM runs
 * on: the file is for onlookers, the VM does not need it.
 */
export function recordStatus(
	runtimeDir: string,
	description: VmDescription,
	context: {qmpSocket?: string | undefined; helpers: readonly HelperProcess[]; log: Logger},
): StatusRecorder {
	const owner = currentProcessIdentity();
	const sockets: Record<string, string> = {
		...(context.qmpSocket ? {qmp: context.qmpSocket} : {}),
		...Object.fromEntries(context.helpers.filter(helper => helper.socket).map(helper => [helper.name, helper.socket!])),
	};
	let status: VmStatus = withoutUndefined({
		version: STATUS_FORMAT_VERSION,
		name: description.name,
		uuid: description.uuid,
		state: 'starting' as VmState,
		startedAt: new Date().toISOString(),
		pid: owner.pid,
		pidStartTime: owner.startTime,
		runtimeDir,
		helpers: [],
		sockets,
		vsockCid: description.vsockCid,
		console: description.console,
		root: {kind: description.root.kind, path: description.root.path},
		ssh: description.ssh ? {command: [...description.ssh.command]} : undefined,
	});
	let failed = false;
	const write = (change: Partial<VmStatus>) => {
		status = {...status, ...change};
		if (failed) {
			return;
		}

		try {
			writeStatusFile(runtimeDir, status);
		} catch (error) {
			failed = true;
			context.log.warn(`cannot write the status file in ${runtimeDir}: ${(error as Error).message}`);
		}
	};

	write({});
	return {
		running(qemuPid, helpers) {
			const started = helpers.filter(helper => helper.child.pid !== undefined).map(helper => ({name: helper.spec.name, pid: helper.child.pid!}));
			// A stop asked for while qemu was starting stands: the pids are recorded, the state stays.
			write({state: status.state === 'stopping' ? 'stopping' : 'running', ...(qemuPid === undefined ? {} : {qemu: {pid: qemuPid}}), helpers: started});
		},
		stopping() {
			if (status.state !== 'stopping') {
				write({state: 'stopping'});
			}
		},
	};
}
