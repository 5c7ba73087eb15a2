import {existsSync, statSync} from 'node:fs';
import {dirname} from 'node:path';
import {CliError, UsageError, errno} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {type JournalLimits, journalLimitArguments} from './limits.js';

/** The credential the guest's journald reads its forwarding address from. */
export const FORWARD_CREDENTIAL = 'journal.forward_to_socket';

/** The host as seen from qemu's user-mode network: connections to it reach the host's loopback. */
export const USER_MODE_HOST_ADDRESS = '10.0.2.2';

/**
 * systemd-journald.service ships IPAddressDeny=any, so its unit firewall drops a TCP
 * connection to the host (journald then hangs in connect() and stalls, seen with systemd
 * 257). A drop-in under a name of its own (~NAME, so a user's drop-in is not replaced)
 * lets exactly the host address through. Vsock is not IP, so it needs none.
 */
export const JOURNALD_DROPIN_CREDENTIAL = 'systemd.unit-dropin.systemd-journald.service~vmspawn-forward-journal';

/** The credentials that make the guest's journald forward to `section`: the address, plus the drop-in for TCP. */
export function journalCredentials(section: {readonly transport: 'vsock' | 'tcp'; readonly guestAddress: string}): Array<[id: string, value: string]> {
	const credentials: Array<[string, string]> = [[FORWARD_CREDENTIAL, section.guestAddress]];
	if (section.transport === 'tcp') {
		const host = section.guestAddress.slice(0, section.guestAddress.lastIndexOf(':'));
		credentials.push([JOURNALD_DROPIN_CREDENTIAL, `[Service]\nIPAddressAllow=${host}\n`]);
	}

	return credentials;
}

export type JournalRequest = {
	readonly output: string;
	readonly journalRemote: string;
	readonly vsock: Section<'vsock'>;
	readonly network: Section<'network'>;
	/** --forward-journal-max-use= and the others; none by default. */
	readonly limits?: JournalLimits;
	/** A free loopback port, asked for only when the guest has no vsock. */
	readonly freePort: () => Promise<number>;
};

// journal-remote writes into an existing directory, or a file whose directory exists: say so before anything starts.
function checkOutput(output: string): 'none' | 'host' {
	const splitMode = output.endsWith('.journal') ? 'none' : 'host';
	const directory = splitMode === 'none' ? dirname(output) : output;
	if (!existsSync(directory) || !statSync(directory).isDirectory()) {
		throw new CliError(
			`--forward-journal=${output}: ${directory} is not an existing directory${splitMode === 'host' ? ' (a path not ending in .journal names a directory)' : ''}`,
			{exitCode: errno.ENOENT},
		);
	}

	return splitMode;
}

/**
 * The journal section: systemd-journal-remote as a helper with upstream's --output and
 * --split-mode, listening where the guest can reach it. Upstream only uses vsock (port =
 * the guest's CID); without vsock but with user-mode networking it listens on a free
 * loopback port that the guest reaches as 10.0.2.2. Without either the guest could not
 * send anything, which is an error rather than upstream's silently useless address.
 */
export async function planJournal(request: JournalRequest): Promise<{section: Section<'journal'>}> {
	const splitMode = checkOutput(request.output);
	const base = [request.journalRemote, `--output=${request.output}`, `--split-mode=${splitMode}`, ...journalLimitArguments(request.limits ?? {})];
	const {vsock, network} = request;
	if (vsock.enabled && vsock.cid !== undefined) {
		const guestAddress = `vsock:2:${vsock.cid}`;
		const helper = {name: 'systemd-journal-remote', argv: [...base, `--listen-raw=vsock:2:${vsock.cid}`]};
		return {section: {output: request.output, splitMode, transport: 'vsock', guestAddress, helper}};
	}

	if (network.mode !== 'user') {
		throw new UsageError(`--forward-journal= needs a way for the guest to reach the host: vsock (${vsock.reason ?? 'off'}) or --network-user-mode`);
	}

	const port = await request.freePort();
	const guestAddress = `${USER_MODE_HOST_ADDRESS}:${port}`;
	const helper = {name: 'systemd-journal-remote', argv: [...base, `--listen-raw=127.0.0.1:${port}`], tcpPort: port};
	return {section: {output: request.output, splitMode, transport: 'tcp', guestAddress, helper}};
}
