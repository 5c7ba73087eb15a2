import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {runtimeDirsOf} from '../helpers/leaks.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';

for (const [secureBoot, codeFile] of [
	['no', '/usr/share/OVMF/OVMF_CODE_4M.fd'],
	['yes', '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd'],
] as const) {
	test(`--image boots the UEFI disk image through OVMF with --secure-boot=${secureBoot}, the command line passed by SMBIOS`, async t => {
		const guest = await guestDir();
		const image = privateCopy(join(guest, 'disk.raw'), scratchDir(t), `uefi-${secureBoot}.raw`);
		const args = ['-i', image, `--secure-boot=${secureBoot}`, '--tpm=no', '--ram=512M', '--console=read-only', '-q', `vmspawn.e2e=uefi-${secureBoot}`];
		const dryRun = await runTool('vmspawn-run', ['--dry-run', ...args]);
		const {argv} = JSON.parse(dryRun.stdout) as {argv: string[]};
		t.true(argv.includes(`if=pflash,format=raw,readonly=on,file=${codeFile}`), 'the argv uses the expected firmware');

		const result = await runTool('vmspawn-run', args);
		t.is(result.exitCode, 0, result.stderr);
		const report = parseGuestReport(result.stdout);
		t.true(report.cmdlineArgs.includes('vmspawn.test.entry=esp'), 'systemd-boot started the entry on the image');
		t.true(report.cmdlineArgs.includes(`vmspawn.e2e=uefi-${secureBoot}`), 'the extra arguments arrived through SMBIOS');
		t.true(report.cmdlineArgs.includes('console=hvc0'));
		t.deepEqual(runtimeDirsOf(`uefi-${secureBoot}`), []);
	});
}
