import type {Section} from '@vmspawn/plan';

/** What machined is told about the VM. */
export type MachineIdentity = {
	readonly name: string;
	/** Lower-case 8-4-4-4-12 form (the plan's machine.uuid); absent: all zeroes, as upstream sends. */
	readonly uuid?: string;
	/** The root directory of a directory boot (-D); absent for an image or a bare kernel. */
	readonly rootDirectory?: string;
};

/** The identity of the VM a completed plan describes: its name, its UUID, the root directory of a -D boot. */
export function machineIdentity(plan: {readonly machine: Section<'machine'>; readonly fs: Section<'fs'>}): MachineIdentity {
	const {machine, fs} = plan;
	return {
		name: machine.name,
		...(machine.uuid === undefined ? {} : {uuid: machine.uuid}),
		...(fs.root.kind === 'directory' ? {rootDirectory: fs.root.path} : {}),
	};
}

// The Service field names the program that registered the machine (see docs/vmspawn-run.md).
export const REGISTER_SERVICE = 'vmspawn-run';
export const REGISTER_CLASS = 'vm';

/** The 16 bytes of a UUID, or 16 zeroes: machined takes a zero id as "none". */
export function uuidBytes(uuid: string | undefined): Buffer {
	if (uuid === undefined) {
		return Buffer.alloc(16);
	}

	const hex = uuid.replaceAll('-', '');
	if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
		throw new Error(`not a UUID: ${uuid}`);
	}

	return Buffer.from(hex, 'hex');
}

export type RegisterMachineArgs = readonly [name: string, id: Buffer, service: string, class_: string, leader: number, rootDirectory: string];

/** The arguments of org.freedesktop.machine1.Manager.RegisterMachine, signature `sayssus`. */
export function registerMachineArgs(machine: MachineIdentity, leaderPid: number): RegisterMachineArgs {
	return [machine.name, uuidBytes(machine.uuid), REGISTER_SERVICE, REGISTER_CLASS, leaderPid, machine.rootDirectory ?? ''];
}

export const REGISTER_MACHINE_SIGNATURE = 'sayssus';
