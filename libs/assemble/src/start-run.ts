import type {ToolIo} from '@vmspawn/host';
import type {Logger, Tristate} from '@vmspawn/cli';
import {consoleSession} from '@vmspawn/console';
import {type ScopeRequest, machineIdentity, machineRegistration, machineScope, machinedConnector} from '@vmspawn/register';
import {type RunVmResult, describeVm, runVm} from '@vmspawn/supervise';
import {refuseVanishedPaths} from './check-paths.js';
import type {PlannedRun} from './plan-run.js';

export type StartRunRequest = {
	/** --register: yes, no or auto (machined if it is there). */
	readonly register: Tristate;
	/** --keep-unit, --slice=, --property=, --system/--user: the VM's scope unit; absent: none (library callers). */
	readonly scope?: ScopeRequest;
	/** --background: the SGR tint of the terminal while the VM runs. */
	readonly background: string | undefined;
	/** --notify-ready: READY=1 when the guest is ready (default), or once qemu runs. */
	readonly notifyReady?: boolean;
	readonly log: Logger;
};

/**
 * Starts the planned VM and supervises it to the end: the console session around
 * the run, registration with machined once qemu runs, undone on every way out.
 */
export async function startRun(planned: PlannedRun, request: StartRunRequest, io: ToolIo): Promise<RunVmResult> {
	const {invocation, completed} = planned;
	const {plan} = invocation;
	const {log} = request;
	refuseVanishedPaths(plan);
	const terminal = io.host.terminal();
	const session = consoleSession({
		mode: plan.console.mode,
		name: plan.machine.name,
		target: plan.fs.root.path,
		stdin: terminal.stdin,
		stdout: terminal.stdout,
		stderr: io.stderr,
		stdinConsumed: planned.stdinConsumed,
		quiet: log.quiet,
		background: request.background,
	});
	// machined learns about the VM once qemu runs (qemu is its leader) and forgets it on every way out.
	const registration =
		request.register === 'no'
			? undefined
			: machineRegistration(request.register, machineIdentity(plan), {env: io.env, log, connect: machinedConnector(request.scope?.runtimeScope)});
	// The scope first: machined takes the unit of the leader (qemu) as the machine's unit, which
	// `machinectl terminate` stops. Stopping the scope asks us, its controller, as SIGTERM would.
	const scope = request.scope
		? machineScope(request.scope, plan.machine.name, {env: io.env, log, onStopRequested: () => process.kill(process.pid, 'SIGTERM')})
		: undefined;
	session.begin();
	return runVm({
		runtimeDir: plan.runtime.dir,
		qemuArgv: invocation.argv,
		helpers: invocation.helpers,
		prepare: invocation.prepare,
		passFds: invocation.passFds,
		qmpSocket: invocation.qmpSocket,
		notifySocket: invocation.notifySocket,
		startOnlyFiles: plan.credentials ? [plan.credentials.dir] : [],
		...(completed.notifyListener ? {notifyListener: completed.notifyListener} : {}),
		...(request.notifyReady === undefined ? {} : {notifyReady: request.notifyReady}),
		env: io.env,
		consoleInput: session.input,
		status: describeVm(plan),
		// The login line waits for qemu: the private key it names is written just before qemu starts.
		async onStarted(qemuPid, helperPids) {
			if (invocation.sshNotice) {
				log.info(invocation.sshNotice);
			}

			await scope?.allocate([qemuPid, ...helperPids]);
			await registration?.register(qemuPid);
		},
		log,
	})
		.finally(() => session.end())
		.finally(async () => registration?.unregister())
		.finally(() => scope?.release());
}
