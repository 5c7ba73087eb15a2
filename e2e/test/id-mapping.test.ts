import {chownSync, mkdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';

// Mapping ids to others needs root on the host (or subordinate ids), and the Rust virtiofsd.
const asRoot = process.getuid?.() === 0;
const needsRoot = asRoot ? '' : ' — skipped: giving files other owners needs root';

(asRoot ? test : test.skip)(`--private-users=UID:N maps the guest's root to the host's UID: what the guest makes as root is the mapped uid's on the host, and host files show their guest ids${needsRoot}`, async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const root = join(scratch, 'root');
	mkdirSync(root);
	const shift = 231_072;
	// Host ids shift+5:shift+7 are guest ids 5:7.
	writeFileSync(join(root, 'from-host'), 'host data\n');
	chownSync(join(root, 'from-host'), shift + 5, shift + 7);
	const machine = 'e2e-private-users';
	const result = await runTool('vmspawn-run', [
		`--linux=${guest}/vmlinuz`, `--initrd=${guest}/initrd.img`, '--firmware=none', '--tpm=no', '-D', root, `--private-users=${shift}:65536`,
		'--ram=512M', '--console=read-only', '-M', machine, '-q', 'quiet',
		guestScript([
			'echo made-by-guest-root > /sysroot/made-by-guest',
			'mkdir /sysroot/dir-by-guest',
			'echo "owner=$(stat -c %u:%g /sysroot/from-host)"',
		].join('\n')),
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.is(report.scriptStatus, 0, report.scriptOutput);
	t.regex(report.scriptOutput ?? '', /^owner=5:7$/m, 'the guest sees the host file under its guest ids');
	for (const made of ['made-by-guest', 'dir-by-guest']) {
		const stats = statSync(join(root, made));
		t.deepEqual([stats.uid, stats.gid], [shift, shift], `${made}: the guest's root is the host's ${shift}`);
	}

	t.deepEqual(runtimeDirsOf(machine), []);
	t.deepEqual(processesMentioning(scratch), [], 'no virtiofsd is left');
});
