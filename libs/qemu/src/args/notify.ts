import {keyValues} from '../escape.js';

/** The virtio-serial port name a guest writes `EXIT_STATUS=N` (and other sd_notify lines) to. */
export const NOTIFY_PORT_NAME = 'org.vmspawn.exit_status';

/**
 * A notification channel that needs no vsock: a virtio-serial port on a bus of its
 * own whose output qemu appends to a file that vmspawn-run reads when qemu exits.
 */
export function notifyPortArgs(file: string): string[] {
	return [
		'-device', 'virtio-serial-pci,id=vmspawn-notify-serial',
		'-chardev', `file,${keyValues([['id', 'vmspawn-notify'], ['path', file]])}`,
		'-device', `virtserialport,${keyValues([['bus', 'vmspawn-notify-serial.0'], ['chardev', 'vmspawn-notify'], ['name', NOTIFY_PORT_NAME]])}`,
	];
}
