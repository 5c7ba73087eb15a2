import type {Section} from '@vmspawn/plan';
import type {VmDescription} from './status-recorder.js';

export type DescribedPlan = {
	readonly machine: Section<'machine'>;
	readonly console: Section<'console'>;
	readonly fs: Section<'fs'>;
	readonly vsock: Section<'vsock'>;
	readonly ssh?: Section<'ssh'> | undefined;
};

/** The part of a completed plan the status file publishes: nothing secret, nothing qemu-specific. */
export function describeVm(plan: DescribedPlan): VmDescription {
	const {machine, fs, vsock, ssh} = plan;
	return {
		name: machine.name,
		console: plan.console.mode,
		root: {kind: fs.root.kind, path: fs.root.path},
		...(machine.uuid ? {uuid: machine.uuid} : {}),
		...(vsock.enabled && vsock.cid !== undefined ? {vsockCid: vsock.cid} : {}),
		// An empty command means SSH was set up but the guest cannot be reached.
		...(ssh && ssh.command.length > 0 ? {ssh: {command: ssh.command}} : {}),
	};
}
