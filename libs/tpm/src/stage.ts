import {statSync} from 'node:fs';
import {CliError, type Tristate, errno} from '@vmspawn/cli';
import {newRuntimeDir} from '@vmspawn/host';
import {type Plan, stateBesideRoot, withSection} from '@vmspawn/plan';
import {hostQemuArch} from '@vmspawn/qemu';
import type {TpmHost} from './decide.js';
import {planTpm} from './plan-tpm.js';
import type {TpmStateRequest} from './state.js';

export type TpmStageOptions = {
	readonly mode: Tristate;
	readonly state: TpmStateRequest;
	/** From --image= (absolute); else the root image or directory the incoming plan boots, if any. */
	readonly image?: string | undefined;
	/** Names a new runtime directory; else the plan's machine name. */
	readonly machineName?: string | undefined;
	readonly env?: NodeJS.ProcessEnv;
};

/**
 * What the plan's persistent state goes beside (--tpm-state=auto), as upstream:
 * the root image or directory; none for a block device or an ephemeral root.
 */
export function planImage(plan: Plan): string | undefined {
	return stateBesideRoot(plan.fs?.root);
}

function isBlockDevice(path: string): boolean {
	try {
		return statSync(path).isBlockDevice();
	} catch {
		return false;
	}
}

function guestArch(plan: Plan): string {
	const arch = plan.machine?.arch ?? hostQemuArch();
	if (arch === undefined) {
		throw new CliError(`the native architecture ${process.arch} is not supported by qemu`, {exitCode: errno.EOPNOTSUPP});
	}

	return arch;
}

/**
 * vmspawn-tpm's whole job: the plan with its tpm section, plus a runtime section
 * when a TPM needs one and the plan has none yet (vmspawn-run creates it at run time).
 */
export async function addTpmSection(plan: Plan, options: TpmStageOptions, host: TpmHost): Promise<Plan> {
	const runtimeDir = plan.runtime?.dir ?? newRuntimeDir(options.machineName ?? plan.machine?.name ?? 'vm', options.env);
	const image = options.image === undefined ? planImage(plan) : isBlockDevice(options.image) ? undefined : options.image;
	const section = await planTpm({mode: options.mode, state: options.state, arch: guestArch(plan), runtimeDir, image}, host);
	const withTpm = withSection(plan, 'tpm', section);
	return section.enabled && !plan.runtime ? withSection(withTpm, 'runtime', {dir: runtimeDir}) : withTpm;
}
