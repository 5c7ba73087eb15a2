import {processIo, type ToolIo} from '@vmspawn/host';
import {type ToolSpec, createLogger, parseBoolean, parseToolArgs, stringValue, switchValue} from '@vmspawn/cli';
import {perRunFields, planRun, startRun} from '@vmspawn/assemble';
import {hostQemuArch} from '@vmspawn/qemu';
import {credentialOptionsInOrder} from '@vmspawn/credentials';
import {firmwarePrintout, readFirmwareOptions} from '@vmspawn/firmware';
import {readRegisterMode, readScopeOptions} from '@vmspawn/register';
import {checkRun} from './check.js';
import {listVms} from './list.js';
import {readRunOptions} from './read-options.js';
import {spec} from './spec.js';

/**
 * Parses vmspawn-run's command line, plans the run, then prints it (--dry-run), checks it (--check) or starts it.
 * `tool` is vmspawn-run's spec, or the drop-in's when it runs as systemd-vmspawn.
 */
export async function main(argv: readonly string[], io: ToolIo = processIo, tool: ToolSpec = spec): Promise<number> {
	const args = parseToolArgs(tool, argv, io.stdout);
	if (!args) {
		return 0;
	}

	if (switchValue(args, 'list')) {
		return listVms(args, io);
	}

	const log = createLogger(tool.name, switchValue(args, 'quiet'), io.stderr);
	// The descriptor a boot would use: the host's architecture and default machine type, as planMachine() gives them.
	const qemuArch = hostQemuArch(io.host.arch);
	const printout = firmwarePrintout(args, () => ({...readFirmwareOptions(args), ...(qemuArch ? {arch: qemuArch} : {}), env: io.env}), io.env);
	if (printout) {
		for (const warning of printout.warnings) {
			log.warn(warning);
		}

		io.stdout.write(printout.text);
		return 0;
	}

	const options = readRunOptions(args, io);
	const register = readRegisterMode(args, io.env);
	const scope = readScopeOptions(args, io.env);
	const notifyReady = stringValue(args, 'notify-ready');
	// Read before planning, so a bad value starts nothing.
	const waitForGuest = notifyReady === undefined || notifyReady === '' ? true : parseBoolean('notify-ready', notifyReady);
	const check = switchValue(args, 'check');
	const dryRun = switchValue(args, 'dry-run') || check;
	const planned = await planRun({options, credentials: credentialOptionsInOrder(args), planFile: stringValue(args, 'plan'), dryRun, log}, io);
	if (check) {
		return checkRun(planned.invocation, io, switchValue(args, 'json'));
	}

	if (dryRun) {
		const {invocation} = planned;
		const helpers = invocation.helpers.map(helper => ({name: helper.name, argv: helper.argv}));
		// perRun: the plan's fields a replay (--plan=FILE) makes afresh; the others are what the VM is.
		io.stdout.write(`${JSON.stringify({plan: invocation.plan, perRun: perRunFields(invocation.plan), argv: invocation.argv, helpers})}\n`);
		return 0;
	}

	const result = await startRun(planned, {register, scope, background: stringValue(args, 'background'), notifyReady: waitForGuest, log}, io);
	if (result.message) {
		io.stderr.write(`${tool.name}: ${result.message}\n`);
	}

	return result.exitCode;
}
