import {CliError, errno, splitShellWords} from '@vmspawn/cli';
import {initrdForQemu, kernelCommandLine, mergeInitrds} from '@vmspawn/boot';
import {findBinary} from '@vmspawn/host';
import type {HelperProcess} from '@vmspawn/plan';
import {buildQemuArgv, hasVirtioConsole, qemuBinaryCandidates} from '@vmspawn/qemu';
import type {CompletePlan} from './complete-plan.js';

/** What running a plan means: the qemu argv, the helpers, and the steps to take before qemu starts. */
export type Invocation = {
	readonly argv: string[];
	readonly helpers: HelperProcess[];
	readonly prepare: Array<() => Promise<void>>;
	readonly qmpSocket: string;
	readonly warnings: string[];
};

export function findQemu(arch: string, env: NodeJS.ProcessEnv = process.env): string {
	for (const name of qemuBinaryCandidates(arch)) {
		const path = findBinary(name, [], env);
		if (path) {
			return path;
		}
	}

	throw new CliError(`cannot find qemu-system-${arch} on $PATH (Debian: apt-get install qemu-system-${arch === 'x86_64' ? 'x86' : 'arm'})`, {exitCode: errno.ENOENT});
}

export function buildInvocation(plan: CompletePlan, env: NodeJS.ProcessEnv = process.env): Invocation {
	const {machine, boot, runtime} = plan;
	const initrd = initrdForQemu(boot, runtime.dir);
	const prepare: Array<() => Promise<void>> = [];
	if (boot.initrds.length > 1 && initrd) {
		prepare.push(async () => mergeInitrds(boot.initrds, initrd));
	}

	const qmpSocket = `${runtime.dir}/qmp.sock`;
	const {argv, warnings} = buildQemuArgv({
		binary: findQemu(machine.arch, env),
		machine,
		console: plan.console,
		...(boot.kernel ? {kernel: boot.kernel} : {}),
		...(initrd ? {initrd} : {}),
		kernelCommandLine: kernelCommandLine({virtioConsole: hasVirtioConsole(plan.console), extraArgs: boot.extraArgs}),
		qmpSocket,
		// Appended verbatim, as upstream does, for what vmspawn has no option for.
		extraArgs: splitShellWords(env['SYSTEMD_VMSPAWN_QEMU_EXTRA'] ?? '', '$SYSTEMD_VMSPAWN_QEMU_EXTRA'),
	});
	return {argv, helpers: [], prepare, qmpSocket, warnings};
}
