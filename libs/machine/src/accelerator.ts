import {CliError, type Tristate, errno} from '@vmspawn/cli';
import {type Probe, probeKvm} from '@vmspawn/host';

export type AcceleratorChoice = {
	readonly accelerator: 'kvm' | 'tcg';
	/** Set when the user should hear why (auto fell back to TCG). */
	readonly warning?: string;
	readonly reason?: string;
};

/** --kvm=yes|no|auto against what the host can really do. */
export function chooseAccelerator(kvm: Tristate, arch: string, probe: () => Probe = () => probeKvm(arch)): AcceleratorChoice {
	if (kvm === 'no') {
		return {accelerator: 'tcg', reason: 'KVM disabled with --kvm=no'};
	}

	const result = probe();
	if (result.state === 'available') {
		return {accelerator: 'kvm'};
	}

	if (kvm === 'yes') {
		throw new CliError(`--kvm=yes, but KVM cannot run guests here: ${result.reason}`, {exitCode: errno.EOPNOTSUPP});
	}

	if (result.state === 'error') {
		throw new CliError(`cannot tell whether KVM is usable: ${result.reason} (use --kvm=no to run without it)`, {exitCode: errno.EIO});
	}

	return {
		accelerator: 'tcg',
		reason: result.reason,
		warning: `KVM is not usable (${result.reason}); falling back to software emulation (TCG), which is much slower`,
	};
}
