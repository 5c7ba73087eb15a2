import type {Plan} from '@vmspawn/plan';
import {createLogger, parseToolArgs, processIo, readPlanFile, readPlanInput, stringValue, switchValue, type ToolIo} from '@vmspawn/cli';
import {buildInvocation, completePlan, refuseVanishedPaths} from '@vmspawn/assemble';
import {consoleSession, terminalArgs} from '@vmspawn/console';
import {collectCredentials, credentialOptionsInOrder, readsStdin, stdinReader} from '@vmspawn/credentials';
import {effectiveDescriptorPaths} from '@vmspawn/firmware';
import {machineIdentity, machineRegistration, readRegisterMode} from '@vmspawn/register';
import {describeVm, runVm} from '@vmspawn/supervise';
import {adoptListenFds} from '@vmspawn/host';
import {checkRun} from './check.js';
import {listVms} from './list.js';
import {readRunOptions} from './read-options.js';
import {spec} from './spec.js';

/** The plan to start from, and whether reading it used up standard input. */
async function incomingPlan(planFile: string | undefined, stdinFd: number | undefined): Promise<{plan: Plan; fromStdin: boolean}> {
	if (planFile !== undefined) {
		return {plan: await readPlanFile(planFile), fromStdin: planFile === '-'};
	}

	return readPlanInput(stdinFd);
}

export async function main(argv: readonly string[], io: ToolIo = processIo): Promise<number> {
	const args = parseToolArgs(spec, argv, io.stdout);
	if (!args) {
		return 0;
	}

	if (switchValue(args, 'list')) {
		return listVms(args, io);
	}

	if (stringValue(args, 'firmware') === 'list') {
		io.stdout.write(effectiveDescriptorPaths(io.env).map(path => `${path}\n`).join(''));
		return 0;
	}

	const log = createLogger(spec.name, switchValue(args, 'quiet'), io.stderr);
	// fds from a service manager: kvm and vhost-vsock are used, others closed with a warning.
	const passedFds = adoptListenFds(io.env);
	for (const warning of passedFds.warnings) {
		log.warn(warning);
	}

	const options = readRunOptions(args);
	const register = readRegisterMode(args, io.env);
	const check = switchValue(args, 'check');
	const dryRun = switchValue(args, 'dry-run') || check;
	// Credentials are read first: a bad one must fail before anything is planned, and ID:- takes stdin from the plan.
	const credentialOptions = credentialOptionsInOrder(args);
	const credentialsFromStdin = readsStdin(credentialOptions);
	const secrets = await collectCredentials(credentialOptions, {env: io.env, ...(credentialsFromStdin ? {readStdin: stdinReader()} : {})});
	const {plan: incoming, fromStdin: planFromStdin} = await incomingPlan(stringValue(args, 'plan'), credentialsFromStdin ? undefined : io.stdinFd);
	const completed = await completePlan(incoming, options, {env: io.env, secrets});
	const interactiveTerminal = completed.plan.console.mode === 'interactive' && !dryRun;
	const invocation = await buildInvocation(completed.plan, {env: io.env, claim: !dryRun, log, secrets, ...(passedFds.kvm === undefined ? {} : {kvmFd: passedFds.kvm}), ...(completed.sshKeys ? {sshKeys: completed.sshKeys} : {}), ...(interactiveTerminal ? {terminalArgs: terminalArgs(process.stdout, io.env)} : {})});
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

	if (check) {
		return checkRun(invocation, io, switchValue(args, 'json'));
	}

	if (dryRun) {
		const helpers = invocation.helpers.map(helper => ({name: helper.name, argv: helper.argv}));
		io.stdout.write(`${JSON.stringify({plan: invocation.plan, argv: invocation.argv, helpers})}\n`);
		return 0;
	}

	const {plan} = invocation;
	refuseVanishedPaths(plan);
	const session = consoleSession({
		mode: plan.console.mode,
		name: plan.machine.name,
		target: plan.fs.root.path,
		stdin: process.stdin,
		stdout: process.stdout,
		stderr: io.stderr,
		stdinConsumed: credentialsFromStdin || planFromStdin,
		quiet: log.quiet,
		background: stringValue(args, 'background'),
	});
	// machined learns about the VM once qemu runs (qemu is its leader) and forgets it on every way out.
	const registration = register === 'no' ? undefined : machineRegistration(register, machineIdentity(plan), {env: io.env, log});
	session.begin();
	const result = await runVm({
		runtimeDir: invocation.plan.runtime.dir,
		qemuArgv: invocation.argv,
		helpers: invocation.helpers,
		prepare: invocation.prepare,
		passFds: invocation.passFds,
		qmpSocket: invocation.qmpSocket,
		notifyFile: invocation.notifyFile,
		...(completed.notifyListener ? {notifyListener: completed.notifyListener} : {}),
		env: io.env,
		consoleInput: session.input,
		status: describeVm(plan),
		// The login line waits for qemu: the private key it names is written just before qemu starts.
		onStarted: async qemuPid => {
			if (invocation.sshNotice) {
				log.info(invocation.sshNotice);
			}

			await registration?.register(qemuPid);
		},
		log,
	}).finally(() => session.end()).finally(async () => registration?.unregister());
	if (result.message) {
		io.stderr.write(`${spec.name}: ${result.message}\n`);
	}

	return result.exitCode;
}
