import {type HostFs, realHostFs} from './host-fs.js';
import {type Probe, available, probeError, unavailable} from './probe.js';

/**
 * Whether KVM can run an ordinary guest. /dev/kvm existing is not enough: a
 * PVM-flavoured KVM (module kvm_pvm, no vmx/svm in the CPU flags) creates VMs
 * but a stock kernel dies at once with "KVM internal error".
 */
export function probeKvm(arch: string, host: HostFs = realHostFs): Probe {
	if (!host.exists('/dev/kvm')) {
		return unavailable('/dev/kvm does not exist');
	}

	const openError = host.tryOpenReadWrite('/dev/kvm');
	if (openError === 'EACCES' || openError === 'EPERM') {
		return unavailable('/dev/kvm is not accessible to this user (add it to the kvm group)');
	}

	if (openError) {
		return probeError(`cannot open /dev/kvm: ${openError}`);
	}

	if (host.exists('/sys/module/kvm_pvm')) {
		return unavailable('the host KVM is the PVM flavour (kvm_pvm), which cannot run ordinary guests');
	}

	if (arch === 'x86_64' || arch === 'i386') {
		const flags = /^flags\s*:(.*)$/m.exec(host.readFile('/proc/cpuinfo') ?? '')?.[1]?.split(/\s+/) ?? [];
		if (!flags.includes('vmx') && !flags.includes('svm')) {
			return unavailable('the CPU offers no hardware virtualization (no vmx or svm flag)');
		}

		if (!host.exists('/sys/module/kvm_intel') && !host.exists('/sys/module/kvm_amd')) {
			return unavailable('neither kvm_intel nor kvm_amd is loaded');
		}
	}

	return available(true);
}
