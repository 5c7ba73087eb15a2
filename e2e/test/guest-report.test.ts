import test from 'ava';
import {parseGuestReport, smbiosStrings, splitCmdline} from '../helpers/guest-report.js';

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64');

/** A raw SMBIOS type 11 structure as /sys/firmware/dmi/entries/11-N/raw holds it. */
function oemStrings(strings: string[], handle = 0x0e): Buffer {
	const header = Buffer.from([11, 5, handle & 0xff, handle >> 8, strings.length]);
	const body = Buffer.concat(strings.map(s => Buffer.from(`${s}\0`)));
	return Buffer.concat([header, body, Buffer.from(strings.length === 0 ? [0, 0] : [0])]);
}

const credential = 'io.systemd.credential:foo=bar';
const extra = 'io.systemd.boot.kernel-cmdline-extra=console=hvc0 hello=world';
const binary = Buffer.from([0x61, 0x00, 0x62, 0x00, 0xff, 0x00]);

function report(items: Record<string, string | Buffer>): string {
	return ['@@VMSPAWN-REPORT-BEGIN@@', ...Object.entries(items).map(([key, value]) => `@@ ${key} ${b64(value)}`), '@@VMSPAWN-REPORT-END@@'].join('\r\n');
}

const capture = [
	'BdsDxe: loading Boot0001 "UEFI Misc Device"',
	'[    0.000000] Linux version 6.1.0-56-cloud-amd64 (debian-kernel@lists.debian.org)',
	// An older report must be ignored in favour of the last one.
	report({cmdline: 'stale\n', nproc: '1\n'}),
	'[    2.454056]  vda: vda1 vda2',
	'vmspawn-test-guest: init started on /dev/hvc0',
	'@@VMSPAWN-REPORT-BEGIN@@',
	`@@ cmdline ${b64('initrd=\\initrd.img root=PARTUUID=8f3c1f57 systemd.mount-extra="share:/mnt/a\\x3ab:virtiofs:ro" foo="a b"\n')}`,
	`@@ nproc ${b64('2\n')}`,
	'[    3.218394] EXT4-fs (vda2): mounted filesystem with ordered data mode.',
	`@@ memtotal_kb ${b64('479952\n')}`,
	`@@ smbios11.1 ${b64(oemStrings(['second structure']))}`,
	`@@ smbios11.0 ${b64(oemStrings([credential, extra]))}`,
	`@@ fwcfg.opt/io.systemd.credentials/mycred ${b64('secret')}`,
	`@@ fwcfg.opt/vmspawn/bin ${b64(binary)}`,
	`@@ mounts ${b64('rootfs / rootfs rw 0 0\n/dev/vda2 /sysroot ext4 ro,relatime 0 0\nshare /mnt/a\\040b virtiofs ro,relatime 0 0\n')}`,
	`@@ block ${b64('sda 16384 scsi serial\nvda 102400 \n')}`,
	`@@ tpm ${b64('tpm0\ntpmrm0\n')}`,
	`@@ net ${b64('eth0 52:54:00:12:34:56\nlo 00:00:00:00:00:00\n')}`,
	`@@ vsock ${b64('no\n')}`,
	'@@ virtio_ports ',
	`@@ script_output ${b64('script says hi\n')}`,
	`@@ script_status ${b64('3\n')}`,
	`@@ root_marker ${b64('yes\n')}`,
	'@@ errors ',
	'@@VMSPAWN-REPORT-END@@',
	'[    4.100000] reboot: Power down',
	'',
].join('\r\n');

test('the last report of a noisy console capture is decoded', t => {
	const r = parseGuestReport(capture);
	t.is(r.cmdline, 'initrd=\\initrd.img root=PARTUUID=8f3c1f57 systemd.mount-extra="share:/mnt/a\\x3ab:virtiofs:ro" foo="a b"');
	t.deepEqual(r.cmdlineArgs, ['initrd=\\initrd.img', 'root=PARTUUID=8f3c1f57', 'systemd.mount-extra=share:/mnt/a\\x3ab:virtiofs:ro', 'foo=a b']);
	t.is(r.nproc, 2);
	t.is(r.memTotalKiB, 479952);
	t.deepEqual(r.smbios11, [credential, extra, 'second structure']);
	t.deepEqual(Object.keys(r.fwCfg).sort(), ['opt/io.systemd.credentials/mycred', 'opt/vmspawn/bin']);
	t.is(r.fwCfg['opt/io.systemd.credentials/mycred']?.toString(), 'secret');
	t.deepEqual(r.fwCfg['opt/vmspawn/bin'], binary);
	t.deepEqual(r.mounts[1], {source: '/dev/vda2', target: '/sysroot', fstype: 'ext4', options: 'ro,relatime'});
	t.is(r.mounts[2]?.target, '/mnt/a b');
	t.deepEqual(r.blockDevices, [
		{name: 'sda', sectors: 16384, serial: 'scsi serial'},
		{name: 'vda', sectors: 102400},
	]);
	t.deepEqual(r.tpmDevices, ['tpm0', 'tpmrm0']);
	t.deepEqual(r.netInterfaces, [
		{name: 'eth0', mac: '52:54:00:12:34:56'},
		{name: 'lo', mac: '00:00:00:00:00:00'},
	]);
	t.false(r.vsock);
	t.deepEqual(r.virtioPorts, []);
	t.is(r.scriptOutput, 'script says hi\n');
	t.is(r.scriptStatus, 3);
	t.true(r.rootMarker);
	t.deepEqual(r.errors, []);
	t.deepEqual(r.raw['smbios11.0'], oemStrings([credential, extra]));
});

test('a report without a script has no script fields', t => {
	const r = parseGuestReport(report({cmdline: 'quiet\n', nproc: '1\n', memtotal_kb: '1000\n', root_marker: 'no\n'}));
	t.false('scriptOutput' in r);
	t.false('scriptStatus' in r);
	t.false(r.rootMarker);
	t.deepEqual(r.cmdlineArgs, ['quiet']);
});

test('a missing or unfinished report is an error that shows the end of the output', t => {
	t.throws(() => parseGuestReport('[    1.0] Kernel panic - not syncing: VFS\n'), {
		message: /^no guest report found in console output \(last 20 lines:\n.*Kernel panic - not syncing/s,
	});
	t.throws(() => parseGuestReport(`@@VMSPAWN-REPORT-BEGIN@@\n@@ nproc ${b64('2')}\n`), {message: /no guest report found/});
});

test('SMBIOS strings and command line splitting', t => {
	t.deepEqual(smbiosStrings(oemStrings([])), []);
	t.deepEqual(smbiosStrings(oemStrings(['a', 'b=c'])), ['a', 'b=c']);
	t.deepEqual(splitCmdline('  a "b c"=d e="f g" ""  '), ['a', 'b c=d', 'e=f g', '']);
});
