import {existsSync} from 'node:fs';
import test from 'ava';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {printedSshCommand, startUntilMarker} from '../helpers/background-vm.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

const readyMarker = 'VMSPAWN-E2E-NETWORK-UP';

// The guest takes an address by DHCP, says so on the console, then waits (at most a
// minute) until the host's ssh session has left its mark.
const guestWaitsForSsh = [
	'printf \'#!/bin/sh\\n[ "$1" = bound ] && ip addr add "$ip/$mask" dev "$interface" && ip route add default via "$router"\\nexit 0\\n\' > /tmp/dhcp.sh',
	'chmod +x /tmp/dhcp.sh',
	'ip link set eth0 up',
	'udhcpc -i eth0 -s /tmp/dhcp.sh -q -n -t 5 >/dev/null 2>&1',
	`echo ${readyMarker} > /dev/hvc0`,
	'i=0; while [ ! -e /run/ssh-done ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done',
	'cat /run/dropbear.log',
	'[ -e /run/ssh-done ] && echo "ssh session seen"',
].join('\n');

test('the printed ssh command logs into the guest with the ephemeral key through a forwarded port when there is no vsock', async t => {
	const guest = await guestDir();
	const machine = 'e2e-ssh';
	const {run, stderr: stderrSoFar} = await startUntilMarker(
		[
			...tinyGuestBoot(guest),
			'-D',
			scratchDir(t),
			'--tpm=no',
			'--network-user-mode',
			'--ram=256M',
			'--console=read-only',
			'-M',
			machine,
			...guestKernelWords,
			guestScript(guestWaitsForSsh),
		],
		readyMarker,
	);
	const stderr = stderrSoFar();

	const words = printedSshCommand(stderr) ?? [];
	t.true(words.length > 0, stderr);
	const key = words[words.indexOf('-i') + 1]!;
	t.true(existsSync(key), 'the private key exists while the VM runs');
	// Exactly the printed command, with a command for the guest's shell appended.
	const session = await execa(
		words[0]!,
		[
			...words.slice(1),
			'-o',
			'BatchMode=yes',
			'-o',
			'ConnectTimeout=60',
			'echo hello from $(hostname -s 2>/dev/null || echo guest) as $(id -u); touch /run/ssh-done',
		],
		{reject: false, timeout: 120_000, stdin: 'ignore'},
	);

	const result = await run;
	t.is(session.exitCode, 0, `ssh: ${session.stderr}`);
	t.regex(session.stdout, /^hello from .* as 0$/m);
	t.is(result.exitCode, 0, stderrSoFar());
	const report = parseGuestReport(String(result.stdout));
	t.regex(report.scriptOutput ?? '', /ssh session seen/);
	t.regex(report.scriptOutput ?? '', /sshd listening on 0\.0\.0\.0:2222/);
	t.false(existsSync(key), 'the private key is gone after the run');
	t.deepEqual(runtimeDirsOf(machine), []);
	t.deepEqual(processesMentioning(key), []);
});
