// The test guest's report (printed by e2e/guest/init), decoded: used by the e2e tests
// (through e2e/helpers/guest-report.ts) and by npm run demo (e2e/guest/summary.ts).

/**
 * What the test guest's init (e2e/guest/init) saw, decoded from the report it
 * prints on its console between @@VMSPAWN-REPORT-BEGIN@@ and
 * @@VMSPAWN-REPORT-END@@, one "@@ <key> <base64 value>" line per item.
 */
export type GuestReport = {
	cmdline: string;
	/** The command line split like the kernel does: on blanks outside double quotes, quotes removed. */
	cmdlineArgs: string[];
	nproc: number;
	memTotalKiB: number;
	/** Every string of every SMBIOS type 11 (OEM strings) structure, in table order. */
	smbios11: string[];
	/** fw_cfg files under opt/, by full name (e.g. "opt/io.systemd.credentials/foo"). */
	fwCfg: Record<string, Buffer>;
	mounts: GuestMount[];
	blockDevices: GuestBlockDevice[];
	/** Names in /dev starting with "tpm", e.g. ["tpm0", "tpmrm0"]. */
	tpmDevices: string[];
	/** Every interface, "lo" included. */
	netInterfaces: {name: string; mac: string}[];
	/** A virtio vsock device is bound and /dev/vsock exists. */
	vsock: boolean;
	/** Names of the named virtio-serial ports (/dev/virtio-ports/NAME). */
	virtioPorts: string[];
	scriptOutput?: string;
	scriptStatus?: number;
	/** /sysroot/vmspawn-test-root exists, i.e. the test root (disk partition or tree) is mounted. */
	rootMarker: boolean;
	/** Steps the init could not do (a root or extra mount that failed...), one per entry. */
	errors: string[];
	/** Every item as sent, including ones this type does not know. */
	raw: Record<string, Buffer>;
};

export type GuestMount = {source: string; target: string; fstype: string; options: string};
export type GuestBlockDevice = {name: string; sectors: number; serial?: string};

const beginMarker = '@@VMSPAWN-REPORT-BEGIN@@';
const endMarker = '@@VMSPAWN-REPORT-END@@';

/** Decodes the last complete report in a console capture; kernel messages and \r\n line ends are tolerated. */
export function parseGuestReport(consoleOutput: string): GuestReport {
	const lines = consoleOutput.split(/\r?\n/).map(line => line.replace(/\r+$/, ''));
	const end = lines.lastIndexOf(endMarker);
	const begin = end < 0 ? -1 : lines.lastIndexOf(beginMarker, end);
	if (begin < 0) {
		const tail = lines.slice(-20).join('\n');
		throw new Error(`no guest report found in console output (last 20 lines:\n${tail}\n)`);
	}

	const raw: Record<string, Buffer> = {};
	for (const line of lines.slice(begin + 1, end)) {
		// Other lines (a kernel message squeezed in) are not ours. The key may
		// contain blanks (fw_cfg names), the base64 value never does.
		if (!line.startsWith('@@ ')) continue;
		const body = line.slice(3);
		const space = body.lastIndexOf(' ');
		if (space <= 0) continue;
		raw[body.slice(0, space)] = Buffer.from(body.slice(space + 1), 'base64');
	}

	const text = (key: string): string => raw[key]?.toString('utf8') ?? '';
	const lineList = (key: string): string[] =>
		text(key)
			.split('\n')
			.filter(line => line !== '');
	const yes = (key: string): boolean => text(key).trim() === 'yes';

	const cmdline = text('cmdline').replace(/\n$/, '');
	const report: GuestReport = {
		cmdline,
		cmdlineArgs: splitCmdline(cmdline),
		nproc: Number.parseInt(text('nproc'), 10),
		memTotalKiB: Number.parseInt(text('memtotal_kb'), 10),
		smbios11: Object.keys(raw)
			.filter(key => /^smbios11\.\d+$/.test(key))
			.sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)))
			.flatMap(key => smbiosStrings(raw[key]!)),
		fwCfg: Object.fromEntries(
			Object.entries(raw)
				.filter(([key]) => key.startsWith('fwcfg.'))
				.map(([key, value]) => [key.slice(6), value]),
		),
		mounts: lineList('mounts').map(line => {
			const [source = '', target = '', fstype = '', options = ''] = line.split(' ').map(unescapeMountField);
			return {source, target, fstype, options};
		}),
		blockDevices: lineList('block').map(line => {
			const [name = '', sectors = '', ...serial] = line.split(' ');
			const device: GuestBlockDevice = {name, sectors: Number.parseInt(sectors, 10)};
			const serialText = serial.join(' ').trim();
			if (serialText !== '') device.serial = serialText;
			return device;
		}),
		tpmDevices: lineList('tpm'),
		netInterfaces: lineList('net').map(line => {
			const [name = '', mac = ''] = line.split(' ');
			return {name, mac};
		}),
		vsock: yes('vsock'),
		virtioPorts: lineList('virtio_ports'),
		rootMarker: yes('root_marker'),
		errors: lineList('errors'),
		raw,
	};
	if (raw['script_output'] !== undefined) report.scriptOutput = text('script_output');
	if (raw['script_status'] !== undefined) report.scriptStatus = Number.parseInt(text('script_status'), 10);
	return report;
}

/** The strings of one raw SMBIOS structure: formatted area (length at byte 1), then NUL-terminated strings up to a double NUL. */
export function smbiosStrings(structure: Buffer): string[] {
	const strings: string[] = [];
	const formattedLength = structure[1] ?? structure.length;
	let offset = formattedLength;
	while (offset < structure.length && structure[offset] !== 0) {
		let nul = structure.indexOf(0, offset);
		if (nul < 0) nul = structure.length;
		strings.push(structure.subarray(offset, nul).toString('utf8'));
		offset = nul + 1;
	}
	return strings;
}

/** Splits a kernel command line like the kernel (and systemd) do: blanks separate arguments outside double quotes, which are dropped. */
export function splitCmdline(cmdline: string): string[] {
	const args: string[] = [];
	let current = '';
	let inArg = false;
	let quoted = false;
	for (const char of cmdline) {
		if (char === '"') {
			quoted = !quoted;
			inArg = true;
		} else if (!quoted && /\s/.test(char)) {
			if (inArg) args.push(current);
			current = '';
			inArg = false;
		} else {
			current += char;
			inArg = true;
		}
	}
	if (inArg) args.push(current);
	return args;
}

/** /proc/mounts writes blanks, tabs, newlines and backslashes in fields as octal escapes. */
function unescapeMountField(field: string): string {
	return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
