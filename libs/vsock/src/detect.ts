import {CliError, type Tristate, errno, errnoExitCode} from '@vmspawn/cli';
import type {VsockDevice} from '@vmspawn/host';

export type Detection = {readonly enabled: true; readonly fd: number} | {readonly enabled: false; readonly reason: string};

/**
 * --vsock=yes|no|auto against the host. As upstream: auto opens the device read-write;
 * absent or not permitted turns vsock off (with the reason), anything else is fatal.
 */
export async function detectVsock(mode: Tristate, device: VsockDevice): Promise<Detection> {
	if (mode === 'no') {
		return {enabled: false, reason: 'disabled with --vsock=no'};
	}

	const opened = await device.open();
	if (opened.state === 'available') {
		return {enabled: true, fd: opened.value};
	}

	const exitCode = errnoExitCode(opened.code) ?? (opened.state === 'error' ? errno.EIO : errno.ENODEV);
	if (mode === 'yes') {
		throw new CliError(`--vsock=yes, but ${opened.reason}`, {exitCode});
	}

	if (opened.state === 'error') {
		throw new CliError(`cannot tell whether vsock is usable: ${opened.reason} (use --vsock=no to run without it)`, {exitCode});
	}

	return {enabled: false, reason: opened.reason};
}
