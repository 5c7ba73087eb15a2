import {archTraits} from '../arch.js';

export type BootArgsInput = {
	readonly arch: string;
	readonly kernel?: string | undefined;
	/** One initrd file (several are merged into one before qemu starts). */
	readonly initrd?: string | undefined;
	readonly kernelCommandLine: readonly string[];
};

/** -kernel/-append for a direct boot; SMBIOS strings for the firmware's boot loader otherwise. */
export function kernelArgs(input: BootArgsInput): string[] {
	return input.kernel ? ['-kernel', input.kernel] : [];
}

export function commandLineArgs(input: BootArgsInput): {args: string[]; warning?: string} {
	const joined = input.kernelCommandLine.join(' ');
	if (input.kernel) {
		return {args: joined === '' ? [] : ['-append', joined]};
	}

	if (joined === '') {
		return {args: []};
	}

	if (!archTraits(input.arch)?.smbios) {
		return {args: [], warning: `cannot pass the kernel command line: ${input.arch} has no SMBIOS; ignoring it`};
	}

	// systemd-stub and systemd-boot append these SMBIOS type 11 strings to the kernel command line.
	return {
		args: [
			'-smbios',
			`type=11,value=io.systemd.stub.kernel-cmdline-extra=${joined.replaceAll(',', ',,')}`,
			'-smbios',
			`type=11,value=io.systemd.boot.kernel-cmdline-extra=${joined.replaceAll(',', ',,')}`,
		],
	};
}

export function initrdArgs(input: BootArgsInput): string[] {
	return input.initrd ? ['-initrd', input.initrd] : [];
}
