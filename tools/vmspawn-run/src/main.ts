import {type Plan} from '@vmspawn/plan';
import {createLogger, parseArgs, readPlanFile, readPlanInput, standardOutput, stringValue, switchValue} from '@vmspawn/cli';
import {buildInvocation, completePlan} from '@vmspawn/assemble';
import {collectCredentials, credentialOptionsInOrder, readsStdin, stdinReader} from '@vmspawn/credentials';
import {effectiveDescriptorPaths} from '@vmspawn/firmware';
import {runVm} from '@vmspawn/supervise';
import {readRunOptions} from './read-options.js';
import {spec} from './spec.js';

export type Io = {
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	readonly stdinFd: number | undefined;
	readonly env: NodeJS.ProcessEnv;
};

const processIo: Io = {stdout: process.stdout, stderr: process.stderr, stdinFd: 0, env: process.env};

function incomingPlan(planFile: string | undefined, stdinFd: number | undefined): Plan | undefined {
	if (planFile !== undefined) {
		return readPlanFile(planFile);
	}

	return stdinFd === undefined ? undefined : readPlanInput(stdinFd).plan;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
	const args = parseArgs(spec, argv);
	const standard = standardOutput(spec, args);
	if (standard !== undefined) {
		io.stdout.write(standard);
		return 0;
	}

	if (stringValue(args, 'firmware') === 'list') {
		io.stdout.write(effectiveDescriptorPaths(io.env).map(path => `${path}\n`).join(''));
		return 0;
	}

	const log = createLogger(spec.name, switchValue(args, 'quiet'), io.stderr);
	const options = readRunOptions(args);
	const dryRun = switchValue(args, 'dry-run');
	// Credentials are read first: a bad one must fail before anything is planned, and ID:- takes stdin from the plan.
	const credentialOptions = credentialOptionsInOrder(args);
	const credentialsFromStdin = readsStdin(credentialOptions);
	const secrets = await collectCredentials(credentialOptions, {env: io.env, ...(credentialsFromStdin ? {readStdin: stdinReader()} : {})});
	const incoming = incomingPlan(stringValue(args, 'plan'), credentialsFromStdin ? undefined : io.stdinFd) ?? {version: '1.0'};
	const completed = await completePlan(incoming, options, {env: io.env, secrets});
	const invocation = await buildInvocation(completed.plan, {env: io.env, claim: !dryRun, log, secrets});
	for (const warning of [...completed.warnings, ...invocation.warnings]) {
		log.warn(warning);
	}

	for (const notice of invocation.notices) {
		log.info(notice);
	}

	if (dryRun) {
		const helpers = invocation.helpers.map(helper => ({name: helper.name, argv: helper.argv}));
		io.stdout.write(`${JSON.stringify({plan: invocation.plan, argv: invocation.argv, helpers})}\n`);
		return 0;
	}

	const result = await runVm({
		runtimeDir: invocation.plan.runtime.dir,
		qemuArgv: invocation.argv,
		helpers: invocation.helpers,
		prepare: invocation.prepare,
		passFds: invocation.passFds,
		qmpSocket: invocation.qmpSocket,
		consoleInput: invocation.plan.console.mode === 'interactive' || invocation.plan.console.mode === 'native' ? 'inherit' : 'ignore',
		log,
	});
	if (result.message) {
		io.stderr.write(`${spec.name}: ${result.message}\n`);
	}

	return result.exitCode;
}
