import * as z from 'zod';
import {lazySchema} from '../lazy.js';
import {perRun} from '../per-run.js';

export const PortProtocol = lazySchema(() => z.enum(['tcp', 'udp']));
export type PortProtocol = z.infer<typeof PortProtocol>;

const Port = lazySchema(() => z.number().int().min(1).max(65535));

/** One host port forwarded into the guest by qemu's user-mode stack (hostfwd). */
export const PortForward = lazySchema(() =>
	z.looseObject({
		protocol: PortProtocol,
		/** The host address qemu listens on; loopback unless the user names another, so a forward is not exposed to the network by accident. */
		hostAddress: z.ipv4({error: 'expected an IPv4 address'}).default('127.0.0.1'),
		hostPort: Port,
		guestPort: Port,
		/** vmspawn-run chose hostPort, a free one (the SSH forward); the user's --port= forwards are kept as given. */
		picked: perRun(z.boolean(), 'a replay picks another free host port').optional(),
	}),
);
export type PortForward = z.infer<typeof PortForward>;

/** No network device at all (upstream's default). */
export const NoNetwork = lazySchema(() =>
	z.looseObject({
		mode: z.literal('none'),
	}),
);

/** qemu's user-mode (slirp) stack: outgoing connections work unprivileged; incoming ones only through the forwards. */
export const UserNetwork = lazySchema(() =>
	z
		.looseObject({
			mode: z.literal('user'),
			ports: z.array(PortForward).default([]),
		})
		.refine(section => new Set(section.ports.map(port => `${port.protocol}:${port.hostAddress}:${port.hostPort}`)).size === section.ports.length, {
			error: 'each host port may be forwarded only once per protocol and address',
			path: ['ports'],
		}),
);

/** A tap device named after the machine, set up on the host by systemd-networkd (80-vm-vt.network). */
export const TapNetwork = lazySchema(() =>
	z.looseObject({
		mode: z.literal('tap'),
		/** At most 15 bytes (IFNAMSIZ - 1): vt-NAME, shortened with a hash when longer. Printable ASCII without / or :, as the kernel wants. */
		ifname: z.string().regex(/^(?!\.\.?$)[!-.0-9;-~]{1,15}$/, {error: 'expected a network interface name: 1 to 15 printable ASCII characters, no / or :'}),
		/** The guest side's MAC, lower-case and colon-separated. */
		mac: z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, {error: 'expected a MAC address like 02:00:5e:10:00:01'}),
	}),
);

export const NetworkSection = lazySchema(() => z.discriminatedUnion('mode', [NoNetwork, UserNetwork, TapNetwork]));
export type NetworkSection = z.infer<typeof NetworkSection>;
export type NetworkMode = NetworkSection['mode'];
