import type {Host} from '@vmspawn/host';
import type {HelperProcess, Plan} from '@vmspawn/plan';

/** What a run would do: the completed plan, qemu's argv, the helpers and the sockets qemu connects to. */
export type PreflightInput = {
	readonly plan: Plan;
	readonly argv: readonly string[];
	readonly helpers: readonly HelperProcess[];
	/** Unix sockets of the run besides the helpers' own (the QMP socket). */
	readonly sockets: readonly string[];
	readonly env: NodeJS.ProcessEnv;
	/** Where the programs are asked their versions. */
	readonly host: Host;
};
