import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

test('a directory root boots the kernel its boot entry names, with a writable and a read-only shared folder', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const tree = privateCopy(join(guest, 'disk-tree'), scratch, 'tree');
	const writable = join(scratch, 'rw');
	const readOnly = join(scratch, 'ro');
	mkdirSync(writable);
	mkdirSync(readOnly);
	writeFileSync(join(readOnly, 'from-host'), 'host data\n');
	const machine = 'e2e-directory';
	const result = await runTool('vmspawn-run', [
		'-D',
		tree,
		`--bind=${writable}:/mnt/rw`,
		`--bind-ro=${readOnly}:/mnt/ro`,
		'--ram=512M',
		'--console=read-only',
		'-M',
		machine,
		'-q',
		...guestKernelWords,
		guestScript(
			[
				'echo written-by-guest > /sysroot/mnt/rw/hello',
				'cat /sysroot/mnt/ro/from-host',
				'if echo x > /sysroot/mnt/ro/intruder 2>/dev/null; then echo RO-WRITE-ALLOWED; else echo RO-WRITE-REFUSED; fi',
			].join('\n'),
		),
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.true(report.cmdlineArgs.includes('root=root') && report.cmdlineArgs.includes('rootfstype=virtiofs'));
	t.true(report.rootMarker, 'the guest mounted the directory as its root');
	t.regex(report.scriptOutput ?? '', /host data/);
	t.regex(report.scriptOutput ?? '', /RO-WRITE-REFUSED/);
	t.is(readFileSync(join(writable, 'hello'), 'utf8'), 'written-by-guest\n', 'a write through --bind reached the host');
	t.false(existsSync(join(readOnly, 'intruder')), 'nothing was written through --bind-ro');
	t.deepEqual(runtimeDirsOf(machine), []);
	t.deepEqual(processesMentioning(scratch), [], 'no virtiofsd is left');
});

test('a direct boot of a disk image finds its root partition, and an extra drive is a block device', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const image = privateCopy(join(guest, 'disk.raw'), scratch, 'disk.raw');
	const extra = join(scratch, 'extra-data.img');
	writeFileSync(extra, Buffer.alloc(4 * 1024 * 1024));
	const partuuid = readFileSync(join(guest, 'disk.root-partuuid'), 'utf8').trim();
	const result = await runTool('vmspawn-run', [
		'-i',
		image,
		`--extra-drive=${extra}`,
		...tinyGuestBoot(guest),
		'--ram=512M',
		'--console=read-only',
		'-q',
		...guestKernelWords,
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.true(report.cmdlineArgs.includes(`root=PARTUUID=${partuuid}`));
	t.true(report.rootMarker, "the guest mounted the image's root partition");
	const serials = report.blockDevices.map(device => device.serial);
	t.true(serials.includes('disk.raw'));
	t.true(serials.includes('extra-data.img'));
	t.is(report.blockDevices.find(device => device.serial === 'extra-data.img')?.sectors, 8192);
	t.true(statSync(image).isFile());
});
