import {CliError, UsageError, errno} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {archTraits, hostQemuArch} from '@vmspawn/qemu';

export type Target = {readonly arch: string; readonly machineType: string};

/** Architecture and machine type: the option, else the plan's machine section, else the host's. */
export function resolveTarget(machine: Section<'machine'> | undefined, arch?: string, machineType?: string): Target {
	if (arch !== undefined && machine !== undefined && machine.arch !== arch) {
		throw new UsageError(`invalid --arch=${arch}: the plan's machine is ${machine.arch}`);
	}

	const resolvedArch = arch ?? machine?.arch ?? hostQemuArch();
	if (resolvedArch === undefined) {
		throw new CliError(`the host architecture ${process.arch} is not supported by qemu; use --arch=`, {exitCode: errno.EOPNOTSUPP});
	}

	const resolvedType = machineType ?? machine?.type ?? archTraits(resolvedArch)?.machineType;
	if (resolvedType === undefined) {
		throw new CliError(`no default machine type for architecture ${resolvedArch}; use --machine-type=`, {exitCode: errno.EOPNOTSUPP});
	}

	return {arch: resolvedArch, machineType: resolvedType};
}
