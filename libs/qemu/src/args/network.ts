import type {PortForward, Section} from '@vmspawn/plan';
import {escapeValue, keyValues} from '../escape.js';

const model = 'virtio-net-pci';

/**
 * One forward in qemu's syntax, hostfwd=[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport.
 * The guest address is left empty: slirp then uses the guest's first DHCP address (10.0.2.15).
 */
function hostForward(port: PortForward): string {
	return `hostfwd=${escapeValue(`${port.protocol}:${port.hostAddress}:${port.hostPort}-:${port.guestPort}`)}`;
}

/**
 * The guest's network card, as upstream: none at all by default, a virtio NIC on qemu's
 * user-mode stack (plus the port forwards), or a virtio NIC on the host's tap device.
 * script=no/downscript=no: qemu must not run /etc/qemu-ifup; systemd-networkd sets up vt-*.
 */
export function networkArgs(section: Section<'network'> | undefined): string[] {
	switch (section?.mode) {
		case undefined:
		case 'none': {
			return ['-nic', 'none'];
		}

		case 'user': {
			return ['-nic', ['user', `model=${model}`, ...section.ports.map(port => hostForward(port))].join(',')];
		}

		case 'tap': {
			return [
				'-nic',
				`tap,${keyValues([
					['ifname', section.ifname],
					['script', 'no'],
					['downscript', 'no'],
					['model', model],
					['mac', section.mac],
				])}`,
			];
		}
	}
}
