import {archTraits} from '../arch.js';
import {keyValues} from '../escape.js';

/**
 * The TPM: a chardev to swtpm's control socket, the emulator backend on it, and
 * the architecture's TPM device (tpm-tis on x86-64, tpm-tis-device on arm64).
 * An architecture without a TPM device gets no TPM arguments at all.
 */
export function tpmArgs(socket: string, arch: string): string[] {
	const device = archTraits(arch)?.tpmDevice;
	if (device === undefined) {
		return [];
	}

	return [
		'-chardev',
		`socket,${keyValues([
			['id', 'chrtpm'],
			['path', socket],
		])}`,
		'-tpmdev',
		'emulator,id=tpm0,chardev=chrtpm',
		'-device',
		`${device},tpmdev=tpm0`,
	];
}
