import {keyValues} from '../escape.js';

/** The virtio-serial port name a guest writes `EXIT_STATUS=N` (and other sd_notify lines) to. */
export const NOTIFY_PORT_NAME = 'org.vmspawn.exit_status';

/**
 * A notification channel that needs no vsock: a virtio-serial port on a bus of its own.
 * qemu connects it to vmspawn-run's unix socket (a client chardev: vmspawn-run listens
 * first), which reads it as a stream and keeps only what it means. A chardev file would
 * grow with whatever the guest writes, without bound, on a memory-backed file system.
 */
export function notifyPortArgs(socket: string): string[] {
	return [
		'-device',
		'virtio-serial-pci,id=vmspawn-notify-serial',
		'-chardev',
		`socket,${keyValues([
			['id', 'vmspawn-notify'],
			['path', socket],
		])}`,
		'-device',
		`virtserialport,${keyValues([
			['bus', 'vmspawn-notify-serial.0'],
			['chardev', 'vmspawn-notify'],
			['name', NOTIFY_PORT_NAME],
		])}`,
	];
}
