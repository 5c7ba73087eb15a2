import type {RunOptions} from '../../src/index.js';

/**
 * vmspawn-run's options for a direct kernel boot of machine vm1 with nothing optional:
 * no firmware, vsock or TPM, KVM off. Tests spread it and change what they are about.
 */
export const directBootOptions: RunOptions = {
	initrds: [],
	extraArgs: [],
	arch: 'x86_64',
	kvm: 'no',
	given: new Set(),
	machineName: 'vm1',
	linux: '/boot/vmlinuz',
	firmware: {firmware: 'none'},
	vsock: {mode: 'no'},
	tpm: {mode: 'no', state: {kind: 'auto'}},
};
