import {CliError, errno, invalidOption} from '@vmspawn/cli';
import type {PortForward} from '@vmspawn/plan';

/** Forwards listen on loopback unless a plan names another address (the --port syntax has none). */
export const DEFAULT_HOST_ADDRESS = '127.0.0.1';

const syntax = 'expected [PROTO:]HOST[:GUEST] with PROTO tcp or udp and ports 1..65535';

/** HOST or GUEST of the option `value`: decimal, 1..65535, as nspawn's parse_ip_port(). */
function portNumber(value: string, what: 'host' | 'guest', text: string): number {
	if (!/^[0-9]+$/.test(text)) {
		throw invalidOption('port', value, `${what} port '${text}' is not a number; ${syntax}`);
	}

	const port = Number.parseInt(text, 10);
	if (port < 1 || port > 65535) {
		throw invalidOption('port', value, `${what} port ${text} is out of range 1..65535`);
	}

	return port;
}

/**
 * One --port=[PROTO:]HOST[:GUEST], parsed as systemd-nspawn does: an exact "tcp:" or
 * "udp:" prefix picks the protocol (default tcp), the rest splits at the first colon,
 * and GUEST defaults to HOST. There is no address field: the forward listens on loopback.
 */
export function parsePortForward(value: string): PortForward {
	const prefix = /^(tcp|udp):/.exec(value);
	const protocol = prefix?.[1] === 'udp' ? 'udp' : 'tcp';
	const rest = prefix ? value.slice(prefix[0].length) : value;
	const colon = rest.indexOf(':');
	const hostText = colon === -1 ? rest : rest.slice(0, colon);
	const guestText = colon === -1 ? rest : rest.slice(colon + 1);
	if (colon !== -1 && !prefix && /^[a-z]+$/i.test(hostText)) {
		throw invalidOption('port', value, `unknown protocol '${hostText}' (tcp or udp)`);
	}

	if (/^[0-9.]+\.[0-9.]+$|^\[/.test(hostText)) {
		throw invalidOption(
			'port',
			value,
			`--port= takes no address: forwards listen on ${DEFAULT_HOST_ADDRESS} (a plan's network.ports[].hostAddress can name another)`,
		);
	}

	return {protocol, hostAddress: DEFAULT_HOST_ADDRESS, hostPort: portNumber(value, 'host', hostText), guestPort: portNumber(value, 'guest', guestText)};
}

/** Every --port=, in order; the same protocol and host port twice is refused (EEXIST), as nspawn does. */
export function parsePortForwards(values: readonly string[]): PortForward[] {
	const forwards: PortForward[] = [];
	for (const value of values) {
		const forward = parsePortForward(value);
		if (forwards.some(other => other.protocol === forward.protocol && other.hostPort === forward.hostPort)) {
			throw new CliError(`duplicate --port=${value}: ${forward.protocol} host port ${forward.hostPort} is already forwarded`, {exitCode: errno.EEXIST});
		}

		forwards.push(forward);
	}

	return forwards;
}
