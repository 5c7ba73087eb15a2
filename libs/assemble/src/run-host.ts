import type {QemuArch} from '@vmspawn/plan';
import {hostQemuArch} from '@vmspawn/qemu';

/** What the run reaches on this machine besides ToolIo; tests that start no VM pass their own. */
export type RunHost = {
	/** Node's name for this machine's architecture, for messages. */
	readonly arch: string;
	/** qemu's name for it; undefined where qemu has none. */
	readonly qemuArch: QemuArch | undefined;
	/** The terminal the console reads and writes; only a VM that starts touches it. */
	readonly terminal: () => {readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream};
};

export const processHost: RunHost = {
	arch: process.arch,
	get qemuArch() {
		return hostQemuArch();
	},
	// A function: reading process.stdin makes Node open fd 0 as a stream, which plans and credentials read as a file.
	terminal: () => ({stdin: process.stdin, stdout: process.stdout}),
};
