import {type Logger, readPlanFile, readPlanInput} from '@vmspawn/cli';
import {terminalArgs} from '@vmspawn/console';
import {type CredentialOption, collectCredentials, readsStdin, stdinReader} from '@vmspawn/credentials';
import {adoptListenFds, type ToolIo} from '@vmspawn/host';
import type {Plan} from '@vmspawn/plan';
import {guestConsoleDevice} from '@vmspawn/qemu';
import {type CompletedPlan, completePlan} from './complete-plan.js';
import {type Invocation, buildInvocation} from './invocation.js';
import {optionsBySection} from './run-options.js';
import {optionSources, replayCredentials} from './replay-credentials.js';
import {type Replay, replayPlan} from './replay-plan.js';
import type {RunOptions} from './run-options.js';

export type PlanRunRequest = {
	readonly options: RunOptions;
	/** --set-credential and --load-credential, in command-line order. */
	readonly credentials: readonly CredentialOption[];
	/** --plan=FILE (- for stdin); absent: a plan on stdin when it is not a terminal. */
	readonly planFile: string | undefined;
	/** Nothing will start (--dry-run, --check): no CID is claimed and nothing is left listening. */
	readonly dryRun: boolean;
	readonly log: Logger;
};

/** A run planned to the last argument; what startRun needs besides. */
export type PlannedRun = {
	readonly invocation: Invocation;
	readonly completed: CompletedPlan;
	/** Standard input carried a plan or a credential: the console has nothing left to read there. */
	readonly stdinConsumed: boolean;
};

/** The plan to start from, and whether reading it used up standard input. */
async function incomingPlan(planFile: string | undefined, stdinFd: number | undefined): Promise<{plan: Plan; fromStdin: boolean}> {
	if (planFile !== undefined) {
		return {plan: await readPlanFile(planFile), fromStdin: planFile === '-'};
	}

	return readPlanInput(stdinFd);
}

// A replayed ssh section asks for a new key of its type, unless the command line says otherwise.
function withReplayedSsh(options: RunOptions, replay: Replay): RunOptions {
	const given = optionsBySection['ssh']!.some(option => options.given.has(option));
	return replay.sshKeyType === undefined || given ? options : {...options, ssh: {pass: true, explicit: true, keyType: replay.sshKeyType}};
}

/**
 * Reads the credentials and the incoming plan, completes the plan and builds the
 * invocation, logging every warning and notice on the way. Starts nothing.
 */
export async function planRun(request: PlanRunRequest, io: ToolIo): Promise<PlannedRun> {
	const {log, dryRun} = request;
	const {host} = io;
	// fds from a service manager: kvm and vhost-vsock are used, others closed with a warning.
	const passedFds = adoptListenFds(io.env);
	for (const warning of passedFds.warnings) {
		log.warn(warning);
	}

	// Credentials are read first: a bad one must fail before anything is planned, and ID:- takes stdin from the plan.
	const credentialsFromStdin = readsStdin(request.credentials);
	const given = await collectCredentials(request.credentials, {
		env: io.env,
		...(io.cwd ? {cwd: io.cwd} : {}),
		...(credentialsFromStdin ? {readStdin: stdinReader()} : {}),
	});
	const incoming = await incomingPlan(request.planFile, credentialsFromStdin ? undefined : io.stdinFd);
	// The plan may have run before: its per-run parts are made afresh, its credentials asked for again.
	const replay = await replayPlan(incoming.plan, io.env);
	const {store: secrets, sources} = await replayCredentials(replay.credentials, given, optionSources(request.credentials, io.cwd ?? process.cwd()), {
		env: io.env,
		log,
	});
	const options = withReplayedSsh(request.options, replay);
	const completed = await completePlan(replay.plan, options, {env: io.env, host, secrets, credentialSources: sources});
	const interactiveTerminal = completed.plan.console.mode === 'interactive' && !dryRun;
	const invocation = await buildInvocation(completed.plan, {
		env: io.env,
		host,
		claim: !dryRun,
		log,
		secrets,
		...(passedFds.kvm === undefined ? {} : {kvmFd: passedFds.kvm}),
		...(completed.sshKeys ? {sshKeys: completed.sshKeys} : {}),
		...(interactiveTerminal
			? {terminalArgs: terminalArgs(host.terminal().stdout, io.env, guestConsoleDevice(completed.plan.console, completed.plan.machine.arch))}
			: {}),
	});
	for (const warning of [...completed.warnings, ...invocation.warnings]) {
		log.warn(warning);
	}

	for (const notice of [...completed.notices, ...invocation.notices]) {
		log.info(notice);
	}

	if (dryRun) {
		// Nothing will connect: the listener only gave the credential its port.
		completed.notifyListener?.close();
	}

	return {invocation, completed, stdinConsumed: credentialsFromStdin || incoming.fromStdin};
}
