import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

test("the exit status the guest reports on its notification port is vmspawn-run's exit status", async t => {
	const guest = await guestDir();
	const result = await runTool('vmspawn-run', [
		...tinyGuestBoot(guest),
		'-D',
		scratchDir(t),
		'--tpm=no',
		'--ram=256M',
		'--console=read-only',
		'-M',
		'e2e-exit',
		...guestKernelWords,
		'vmspawn.test.exit=42',
	]);
	t.is(result.exitCode, 42, result.stderr);
	t.truthy(parseGuestReport(result.stdout));
	t.regex(result.stderr, /^vmspawn-run: the guest reported exit status 42$/m);
});
