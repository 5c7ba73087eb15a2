import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {truncateSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

// The attack (CVE-2008-2004 class): a guest writes a qcow2 header whose backing file names a
// host file to sector 0 of its own raw disk. A launcher that guesses the format from those
// bytes makes qemu open the host file on the next boot, and the guest reads it as its disk.
function plantQcow2Header(path: string, backingFile: string): void {
	execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', backingFile, '-F', 'raw', path, '1M']);
	// A whole number of 4 KiB blocks, as a disk the guest wrote would be; zeros do not change the header.
	truncateSync(path, Math.ceil(statSync(path).size / 4096) * 4096);
}

// For each virtio disk: its serial (the file name) and whether the secret is among its bytes.
const readDisks = guestScript(
	[
		'for b in /sys/block/vd*; do',
		'	if dd if=/dev/${b##*/} bs=65536 2>/dev/null | grep -q "$(cat /proc/cmdline | tr " " "\\n" | sed -n "s/^secret.marker=//p")"; then',
		'		echo "disk $(cat $b/serial) LEAKED"',
		'	else',
		'		echo "disk $(cat $b/serial) clean"',
		'	fi',
		'done',
	].join('\n'),
);

test('a qcow2 header the guest planted in a raw disk stays bytes: the host file it names never reaches the guest', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const marker = `HOST-SECRET-${randomBytes(8).toString('hex')}`;
	const hostFile = join(scratch, 'host-file');
	writeFileSync(hostFile, `${marker}\n`.repeat(4096));
	for (const name of ['root.img', 'extra.img', 'asked-qcow2.img']) {
		plantQcow2Header(join(scratch, name), hostFile);
	}

	const result = await runTool('vmspawn-run', [
		'-i',
		join(scratch, 'root.img'),
		`--extra-drive=${join(scratch, 'extra.img')}`,
		// The control: the same bytes opened as qcow2 because the user said so do reach the host file,
		// so "clean" above is not the guest failing to look.
		`--extra-drive=qcow2:${join(scratch, 'asked-qcow2.img')}`,
		...tinyGuestBoot(guest),
		'--tpm=no',
		'--ram=256M',
		'--console=read-only',
		'-q',
		// No partition to find on a disk of qcow2 bytes: a tmpfs root keeps the guest's init going.
		...guestKernelWords,
		'root=tmpfs',
		'rootfstype=tmpfs',
		`secret.marker=${marker}`,
		readDisks,
	]);
	t.is(result.exitCode, 0, result.stderr);
	const output = parseGuestReport(result.stdout).scriptOutput ?? '';
	t.regex(output, /^disk root\.img clean$/m);
	t.regex(output, /^disk extra\.img clean$/m);
	t.regex(output, /^disk asked-qcow2\.img LEAKED$/m);
});
