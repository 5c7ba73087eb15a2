import {createHash} from 'node:crypto';
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

const boot = async (guest: string, options: readonly string[], script?: string) =>
	runTool('vmspawn-run', [
		...options,
		...tinyGuestBoot(guest),
		'--tpm=no',
		'--ram=512M',
		'--console=read-only',
		'-q',
		...guestKernelWords,
		...(script ? [guestScript(script)] : []),
	]);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('extra drives as nvme, virtio-scsi and scsi-cd appear as such in the guest, with their serials', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const image = privateCopy(join(guest, 'disk.raw'), scratch, 'disk.raw');
	const drives = {nvme: 'on-nvme.img', 'virtio-scsi': 'on-scsi-with-a-long-name-29.img', 'scsi-cd': 'on-cd.iso'};
	for (const name of Object.values(drives)) {
		writeFileSync(join(scratch, name), Buffer.alloc(4 * 1024 * 1024));
	}

	const started = Date.now();
	const result = await boot(guest, ['-i', image, ...Object.entries(drives).map(([type, name]) => `--extra-drive=raw:${type}:${join(scratch, name)}`)]);
	t.log(`boot with four disk types: ${Date.now() - started} ms`);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.log(report.blockDevices);
	const named = (serial: string) => report.blockDevices.find(device => device.serial === serial)?.name;
	t.regex(named('disk.raw') ?? '', /^vd[a-z]$/, 'the root stays virtio-blk');
	t.true(report.rootMarker, "the guest mounted the image's root partition");
	t.regex(named('on-nvme.img') ?? '', /^nvme\dn\d$/);
	// 31 bytes: hashed to 30 hex digits on SCSI.
	const scsiSerial = createHash('sha256').update(drives['virtio-scsi']).digest('hex').slice(0, 30);
	t.regex(named(scsiSerial) ?? '', /^sd[a-z]$/);
	// Linux reads no serial VPD page of a CD-ROM, so the one CD is known by its name and size.
	const cds = report.blockDevices.filter(device => /^sr\d$/.test(device.name));
	t.deepEqual(
		cds.map(device => device.sectors),
		[8192],
	);
});

test('--grow-image grows the raw image before boot, and the guest sees the new size', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const image = privateCopy(join(guest, 'disk.raw'), scratch, 'disk.raw');
	const before = statSync(image).size;
	const started = Date.now();
	const result = await boot(guest, ['-i', image, '--grow-image=64M']);
	t.log(`boot with a grown image: ${Date.now() - started} ms`);
	t.is(result.exitCode, 0, result.stderr);
	t.true(before < 64 << 20);
	t.is(statSync(image).size, 64 << 20);
	const report = parseGuestReport(result.stdout);
	t.is(report.blockDevices.find(device => device.serial === 'disk.raw')?.sectors, (64 << 20) / 512);
});

test('--ephemeral: the guest writes its root disk, the image on the host is unchanged, and two such runs coexist', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const image = privateCopy(join(guest, 'disk.raw'), scratch, 'disk.raw');
	const checksum = sha256(image);
	const size = statSync(image).size;
	// The guest overwrites the start of its root disk and reads it back.
	const script = [
		'dev=$(for b in /sys/block/vd*; do [ "$(cat $b/serial)" = disk.raw ] && echo ${b##*/}; done)',
		'echo GUEST-WROTE-THIS | dd of=/dev/$dev bs=512 seek=2048 conv=notrunc,fsync 2>/dev/null',
		'dd if=/dev/$dev bs=512 skip=2048 count=1 2>/dev/null | head -c 16; echo',
		'cat /sys/block/$dev/size',
	].join('\n');
	const started = Date.now();
	const results = await Promise.all([1, 2].map(async () => boot(guest, ['-i', image, '--ephemeral', '--grow-image=64M'], script)));
	t.log(`two ephemeral boots at once: ${Date.now() - started} ms`);
	for (const result of results) {
		t.is(result.exitCode, 0, result.stderr);
		const output = parseGuestReport(result.stdout).scriptOutput ?? '';
		t.regex(output, /^GUEST-WROTE-THIS$/m, 'the guest could write its root disk');
		t.regex(output, new RegExp(`^${(64 << 20) / 512}$`, 'm'), 'the overlay is grown, not the image');
	}

	t.is(sha256(image), checksum, 'the image on the host is untouched');
	t.is(statSync(image).size, size);
});
