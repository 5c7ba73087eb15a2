// npm run demo's last words: what the demo guest saw, for a person. Reads the console capture
// (with the guest's machine-readable report in it) on stdin, writes a short summary to stdout.
// `node --import=tsx e2e/guest/summary.ts < console.log`
import {readFileSync} from 'node:fs';
import {type GuestReport, parseGuestReport} from './report.js';

/** Credential names the guest received: SMBIOS type 11 strings and fw_cfg files, as systemd reads them. */
export function credentialNames(report: GuestReport): string[] {
	const names = new Set<string>();
	for (const string of report.smbios11) {
		const match = /^io\.systemd\.credential(?:\.binary)?:([^=]+)=/.exec(string);
		if (match) names.add(match[1]!);
	}
	for (const file of Object.keys(report.fwCfg)) {
		if (file.startsWith('opt/io.systemd.credentials/')) names.add(file.slice('opt/io.systemd.credentials/'.length));
	}
	return [...names].sort();
}

export function summarize(report: GuestReport): string[] {
	// The init mounts the root at /sysroot; a directory root (vmspawn-run's default: the current directory) comes over virtiofs too.
	const root = report.mounts.find(mount => mount.target === '/sysroot');
	const shares = report.mounts.filter(mount => mount.fstype === 'virtiofs' && mount !== root);
	const credentials = credentialNames(report);
	const lines = [
		'What the guest saw:',
		`  kernel command line  ${report.cmdline}`,
		`  CPUs and memory      ${report.nproc} CPU${report.nproc === 1 ? '' : 's'}, ${Math.round(report.memTotalKiB / 1024)} MiB`,
		`  root file system     ${root === undefined ? 'none (the initramfs only)' : `${root.fstype === 'virtiofs' ? 'a host directory over virtiofs' : root.source}, ${root.options.split(',')[0]}`}`,
		`  credentials          ${credentials.length === 0 ? 'none' : credentials.join(', ')}`,
		...(shares.length === 0
			? ['  shared folders       none']
			: shares.map(
					(mount, index) =>
						`  ${index === 0 ? 'shared folders' : '              '}       ${mount.target.replace(/^\/sysroot(?=\/)/, '')} (virtiofs, ${mount.options.split(',')[0]})`,
				)),
		`  TPM                  ${report.tpmDevices.length === 0 ? 'none' : report.tpmDevices.map(device => `/dev/${device}`).join(', ')}`,
		`  vsock                ${report.vsock ? 'yes' : 'no'}`,
	];
	if (report.errors.length > 0) lines.push(...report.errors.map(error => `  problem              ${error}`));
	return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const report = parseGuestReport(readFileSync(0, 'utf8'));
	process.stdout.write(`${summarize(report).join('\n')}\n`);
}
