import {statSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

const MiB = 1024 * 1024;

// Fill 5 MiB of the image's root file system, delete it, and trim.
const fillAndTrim = guestScript(
	[
		'mount -o remount,rw /sysroot',
		'dd if=/dev/urandom of=/sysroot/fill bs=1M count=5 2>/dev/null',
		'sync',
		'rm /sysroot/fill',
		'sync',
		'fstrim /sysroot && echo TRIMMED',
	].join('\n'),
);

const allocated = (path: string) => statSync(path).blocks * 512;

for (const discard of ['yes', 'no'] as const) {
	test(`--discard-disk=${discard}: ${discard === 'yes' ? 'fstrim in the guest gives the space back to the host file' : 'the host file keeps the space the guest freed'}`, async t => {
		const guest = await guestDir();
		const image = privateCopy(join(guest, 'disk.raw'), scratchDir(t), `discard-${discard}.raw`);
		const before = allocated(image);
		const result = await runTool('vmspawn-run', [
			'-i',
			image,
			`--discard-disk=${discard}`,
			...tinyGuestBoot(guest),
			'--tpm=no',
			'--ram=256M',
			'--console=read-only',
			'-q',
			...guestKernelWords,
			fillAndTrim,
		]);
		t.is(result.exitCode, 0, result.stderr);
		const growth = allocated(image) - before;
		t.log(`allocated ${(before / MiB).toFixed(1)} MiB before, grew by ${(growth / MiB).toFixed(1)} MiB`);
		if (discard === 'yes') {
			t.regex(parseGuestReport(result.stdout).scriptOutput ?? '', /TRIMMED/);
			t.true(growth < 2 * MiB, 'the 5 MiB written and deleted were given back');
		} else {
			t.true(growth >= 4 * MiB, 'without discard the freed blocks stay allocated');
		}
	});
}
