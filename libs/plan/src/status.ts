import * as z from 'zod';
import {lazySchema} from './lazy.js';
import {AbsolutePath} from './common.js';
import {ConsoleMode} from './sections/console.js';
import {MachineSection} from './sections/machine.js';

/** The status format this code writes: MAJOR.MINOR. A newer MINOR only adds optional fields. */
export const STATUS_FORMAT_VERSION = '1.0';

/** starting: qemu is not running yet; running: qemu and every helper are; stopping: the guest was asked to power off, or qemu ended and the run cleans up. */
export const VmState = lazySchema(() => z.enum(['starting', 'running', 'stopping']));
export type VmState = z.infer<typeof VmState>;

const Pid = lazySchema(() => z.number().int().positive());

/** A process vmspawn-run started for the VM (a helper such as swtpm or virtiofsd). */
export const StatusProcess = lazySchema(() =>
	z.looseObject({
		name: z.string().min(1),
		pid: Pid,
	}),
);
export type StatusProcess = z.infer<typeof StatusProcess>;

/**
 * What one running vmspawn-run publishes about its VM in `status.json` in its
 * runtime directory, for `vmspawn-run --list` and for scripts. It holds no
 * secrets: paths, pids and names only. Unknown keys are kept so a newer minor
 * version can add fields.
 */
export const VmStatusSchema = lazySchema(() =>
	z.looseObject({
		version: z.string().describe(`Status format version, MAJOR.MINOR (this code writes ${STATUS_FORMAT_VERSION})`),
		name: MachineSection.shape.name,
		uuid: MachineSection.shape.uuid,
		state: VmState,
		startedAt: z.iso.datetime({offset: true}).describe('When vmspawn-run started this run, ISO 8601'),
		pid: Pid.describe("vmspawn-run's pid"),
		pidStartTime: z
			.number()
			.int()
			.nonnegative()
			.describe("vmspawn-run's start time, field 22 of /proc/PID/stat (clock ticks after boot): a reused pid does not match it"),
		runtimeDir: AbsolutePath,
		qemu: z.looseObject({pid: Pid}).optional().describe('Absent until qemu has started'),
		helpers: z.array(StatusProcess).describe('Helper processes that have been started'),
		sockets: z.record(z.string(), AbsolutePath).describe("Sockets by name: qmp, and each helper's (swtpm, virtiofsd-TAG) by helper name"),
		vsockCid: z.number().int().min(3).max(4294967294).optional(),
		console: ConsoleMode,
		root: z.looseObject({
			kind: z.enum(['image', 'directory']),
			path: AbsolutePath,
		}),
		ssh: z
			.looseObject({
				command: z.array(z.string()).min(1).describe('argv that logs into the guest'),
			})
			.optional()
			.describe('How to log into the guest, when vmspawn-run set up SSH access'),
	}),
);
export type VmStatus = z.infer<typeof VmStatusSchema>;
