import {join} from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

// What the guest's journald does with journal.forward_to_socket, by hand: the busybox
// guest has no journald, so it writes one entry in the journal export format to the
// address the credential names.
const guestForwardsAnEntry = [
	'printf \'#!/bin/sh\\n[ "$1" = bound ] && ip addr add "$ip/$mask" dev "$interface" && ip route add default via "$router"\\nexit 0\\n\' > /tmp/dhcp.sh',
	'chmod +x /tmp/dhcp.sh',
	'ip link set eth0 up',
	'udhcpc -i eth0 -s /tmp/dhcp.sh -q -n -t 5 >/dev/null 2>&1',
	'address=$(cat /sys/firmware/dmi/entries/11-*/raw | tr "\\0" "\\n" | sed -n "s/^.*io\\.systemd\\.credential\\.binary:journal\\.forward_to_socket=//p" | base64 -d)',
	'echo "forwarding to $address"',
	'printf "__REALTIME_TIMESTAMP=%s000000\\n__MONOTONIC_TIMESTAMP=1000\\n_BOOT_ID=0123456789abcdef0123456789abcdef\\n_HOSTNAME=e2e-guest\\nMESSAGE=hello from the guest journal\\n\\n" "$(date +%s)" | nc -w 3 "${address%:*}" "${address##*:}"',
	'echo "nc status $?"',
].join('\n');

test("--forward-journal= receives the guest's journal with systemd-journal-remote over the user-mode network when there is no vsock", async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const output = join(scratch, 'guest.journal');
	const machine = 'e2e-journal';
	const result = await runTool('vmspawn-run', [
		...tinyGuestBoot(guest),
		'-D',
		scratch,
		'--tpm=no',
		'--network-user-mode',
		`--forward-journal=${output}`,
		'--pass-ssh-key=no',
		'--ram=256M',
		'--console=read-only',
		'-M',
		machine,
		'-q',
		...guestKernelWords,
		guestScript(guestForwardsAnEntry),
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.regex(report.scriptOutput ?? '', /^forwarding to 10\.0\.2\.2:\d+$/m);
	t.regex(report.scriptOutput ?? '', /nc status 0/);
	const journal = await execa('journalctl', [`--file=${output}`, '--output=cat', '--no-pager'], {reject: false});
	t.is(journal.stdout.trim(), 'hello from the guest journal', journal.stderr);
	t.deepEqual(processesMentioning(output), [], 'systemd-journal-remote stopped with the VM');
	t.deepEqual(runtimeDirsOf(machine), []);
});
