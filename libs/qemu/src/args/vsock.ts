import {keyValues} from '../escape.js';

/** The guest's vsock device; qemu uses the vhost-vsock fd vmspawn-run opened and set the CID on. */
export function vsockArgs(cid: number, vhostFd: number): string[] {
	return [
		'-device',
		`vhost-vsock-pci,${keyValues([
			['guest-cid', cid],
			['vhostfd', vhostFd],
		])}`,
	];
}
