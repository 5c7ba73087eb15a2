import {existsSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {guestKernelWords} from '../helpers/direct-boot.js';

const template = '/usr/share/OVMF/OVMF_VARS_4M.fd';

// File level: OVMF writes its boot options to the store at the first boot.
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

// A variable of the guest's own, written through efivarfs (4 bytes of attributes, then the data).
const variable = '/sys/firmware/efi/efivars/VmspawnE2E-6b1e3f0a-4c2d-4e8b-9a7f-1d5c3b2a9e61';
const mountEfivars = 'mount -t efivarfs efivarfs /sys/firmware/efi/efivars || echo no-efivarfs';
const writeVariable = (value: string) => guestScript(`${mountEfivars}; printf '\\007\\000\\000\\000${value}' > ${variable} && echo written`);
const readVariable = guestScript(`${mountEfivars}; if [ -e ${variable} ]; then echo "value=$(tail -c +5 ${variable})"; else echo absent; fi`);

test('a variable the guest writes is there at its next boot with the state kept (auto or a path), and gone with off', async t => {
	const guest = await guestDir();
	const dir = scratchDir(t);
	const image = privateCopy(join(guest, 'disk.raw'), dir, 'vars.raw');
	const boot = async (name: string, options: string[], script: string) => {
		const result = await runTool('vmspawn-run', [
			'-i',
			image,
			'--secure-boot=no',
			'--tpm=no',
			'--ram=512M',
			'--console=read-only',
			'-q',
			...options,
			'-M',
			name,
			...guestKernelWords,
			script,
		]);
		t.is(result.exitCode, 0, result.stderr);
		return parseGuestReport(result.stdout).scriptOutput ?? '';
	};

	t.regex(await boot('e2e-vars-write', [], writeVariable('kept-by-auto')), /^written$/m);
	t.regex(await boot('e2e-vars-read', [], readVariable), /^value=kept-by-auto$/m, 'auto: the state beside the image carried it');

	const path = join(dir, 'chosen.vars');
	t.regex(await boot('e2e-vars-path-write', [`--efi-nvram-state=${path}`], writeVariable('kept-by-path')), /^written$/m);
	t.regex(await boot('e2e-vars-path-read', [`--efi-nvram-state=${path}`], readVariable), /^value=kept-by-path$/m);

	t.regex(await boot('e2e-vars-off-write', ['--efi-nvram-state=off'], writeVariable('lost')), /^written$/m);
	t.regex(await boot('e2e-vars-off-read', ['--efi-nvram-state=off'], readVariable), /^absent$/m, 'off: a fresh store each boot');
});
