import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {execa} from 'execa';
import {guestDir} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool, toolPath} from '../helpers/tools.js';
import {guestKernelWords, tinyGuestBoot} from '../helpers/direct-boot.js';

test('a second VM on an image another VM is using is refused at once, with a clear message', async t => {
	const guest = await guestDir();
	const image = privateCopy(join(guest, 'disk.raw'), scratchDir(t), 'shared.raw');
	const common = ['-i', image, ...tinyGuestBoot(guest), '--tpm=no', '--ram=256M', '--console=read-only'];
	const first = execa('node', [toolPath('vmspawn-run'), ...common, '-M', 'e2e-lock-first', '-q', ...guestKernelWords, guestScript('sleep 6')], {
		reject: false,
		stdin: 'ignore',
	});
	for (let attempt = 0; attempt < 100 && processesMentioning(`file=${image}`).length === 0; attempt++) {
		await delay(100);
	}

	const second = await runTool('vmspawn-run', [...common, '-M', 'e2e-lock-second', ...guestKernelWords]);
	t.is(second.exitCode, 16);
	t.regex(
		second.stderr,
		new RegExp(`^vmspawn-run: image ${image} is in use by another VM \\(.+ holds a lock on it\\); refusing to start a second one on it\\n$`),
	);
	t.deepEqual(runtimeDirsOf('e2e-lock-second'), []);
	t.is((await first).exitCode, 0, 'the first VM was not disturbed');
});
