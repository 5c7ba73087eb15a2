import {existsSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';

const template = '/usr/share/OVMF/OVMF_VARS_4M.fd';

// File level: the busybox guest has no efivarfs tooling to write a variable of its
// own, but OVMF writes its boot options to the store at the first boot.
test('--efi-nvram-state=auto keeps the variable store beside the image: created from the template, reused by the next boot; off leaves none', async t => {
	const guest = await guestDir();
	const image = privateCopy(join(guest, 'disk.raw'), scratchDir(t), 'nvram.raw');
	const state = `${image}.efinvramstate`;
	const args = ['-i', image, '--secure-boot=no', '--tpm=no', '--ram=512M', '--console=read-only', '-q'];

	const off = await runTool('vmspawn-run', [...args, '--efi-nvram-state=off', '-M', 'e2e-nvram-off']);
	t.is(off.exitCode, 0, off.stderr);
	t.false(existsSync(state), 'off keeps nothing beside the image');

	const first = await runTool('vmspawn-run', [...args, '-M', 'e2e-nvram-1']);
	t.is(first.exitCode, 0, first.stderr);
	t.true(parseGuestReport(first.stdout).cmdlineArgs.includes('vmspawn.test.entry=esp'));
	const created = statSync(state);
	t.is(created.mode & 0o777, 0o600);
	t.is(created.size, statSync(template).size);
	const afterFirst = readFileSync(state);
	t.false(afterFirst.equals(readFileSync(template)), 'the firmware wrote variables to the store');

	const second = await runTool('vmspawn-run', [...args, '--efi-nvram-state=auto', '-M', 'e2e-nvram-2']);
	t.is(second.exitCode, 0, second.stderr);
	t.is(statSync(state).ino, created.ino, 'the same file is used, not made again from the template');
	t.false(readFileSync(state).equals(readFileSync(template)));
});
