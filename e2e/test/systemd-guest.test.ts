import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {execa} from 'execa';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {waitUntilEmpty} from '../helpers/processes.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {systemdGuestDir} from '../helpers/systemd-guest.js';
import {toolPath} from '../helpers/tools.js';
import {tinyGuestBoot} from '../helpers/direct-boot.js';

// One boot of a real systemd (Debian trixie, systemd 257) guest, because a TCG boot
// takes minutes: the ssh command vmspawn-run prints logs in through the sshd that
// systemd-ssh-generator binds from the ssh.listen credential, with the key from the
// ssh.ephemeral-authorized_keys-all credential; journald, told by the
// journal.forward_to_socket credential, forwards the guest's journal to
// --forward-journal=; and the guest powers itself off through systemd.

const sshDeadlineMs = 7 * 60_000;

/** The last lines of `text`: what to show when something fails. */
function tail(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

test('a systemd guest accepts the printed ssh command and forwards its journal to --forward-journal=', async t => {
	t.timeout(15 * 60_000, 'building or booting the systemd guest took too long');
	const guest = await systemdGuestDir();
	t.timeout(12 * 60_000, 'the systemd guest took too long');
	const scratch = scratchDir(t);
	// The guest writes to its root: a private sparse copy, never the shared cache.
	const disk = privateCopy(join(guest, 'disk.raw'), scratch, 'disk.raw');
	const output = join(scratch, 'guest.journal');
	const machine = 'e2e-systemd';
	const marker = `vmspawn-e2e-marker-${process.pid}-${Date.now()}`;

	const started = Date.now();
	const run = execa(
		'node',
		[
			toolPath('vmspawn-run'),
			'-i',
			disk,
			...tinyGuestBoot(guest),
			'--tpm=no',
			'--network-user-mode',
			`--forward-journal=${output}`,
			'--console=read-only',
			'--ram=1G',
			'-M',
			machine,
		],
		{reject: false, stdin: 'ignore'},
	);
	let stdout = '';
	let stderr = '';
	run.stdout?.on('data', (chunk: Buffer) => {
		stdout += String(chunk);
	});
	run.stderr?.on('data', (chunk: Buffer) => {
		stderr += String(chunk);
	});
	let exited = false;
	void run.then(() => {
		exited = true;
	});
	// A failed assertion ends the test at once: stop the VM the way a user would, so that
	// vmspawn-run still cleans up after it.
	t.teardown(async () => {
		if (exited) return;
		run.kill('SIGTERM');
		const killer = setTimeout(() => run.kill('SIGKILL'), 60_000);
		await run;
		clearTimeout(killer);
	});
	const context = () => `vmspawn-run stderr:\n${tail(stderr, 20)}\nconsole:\n${tail(stdout)}`;

	// vmspawn-run prints the command once qemu runs, after it has written the key.
	while (!/log into the guest with: ssh .*\n/.test(stderr) && !exited && Date.now() - started < 60_000) {
		await delay(100);
	}

	const printed = /log into the guest with: (ssh .*)$/m.exec(stderr)?.[1];
	if (printed === undefined) {
		t.fail(`no ssh command printed\n${context()}`);
		return;
	}

	const words = printed.split(' ');
	const key = words[words.indexOf('-i') + 1]!;
	t.true(existsSync(key), 'the private key the printed command names exists once it is printed');
	// Exactly the printed command, with options for a script and a command for the guest's shell appended.
	const ssh = async (command: string, timeout = 90_000) =>
		execa(words[0]!, [...words.slice(1), '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=30', command], {reject: false, timeout, stdin: 'ignore'});

	// Until the guest's sshd answers: the forwarded port accepts connections from the
	// start, but qemu closes them until something listens on the guest's port 2222.
	let attempts = 0;
	let last = '';
	for (;;) {
		attempts++;
		const probe = await ssh('true', 60_000);
		if (probe.exitCode === 0) break;
		last = `${probe.exitCode ?? probe.signal ?? ''}: ${probe.stderr}`.trim();
		if (exited) {
			t.fail(`vmspawn-run ended before the guest's sshd answered (last ssh: ${last})\n${context()}`);
			return;
		}

		if (Date.now() - started > sshDeadlineMs) {
			t.fail(`the guest's sshd did not answer within ${sshDeadlineMs / 60_000} minutes (${attempts} attempts, last ssh: ${last})\n${context()}`);
			return;
		}

		await delay(3000);
	}

	const sshReady = Date.now();
	t.log(`ssh answered ${((sshReady - started) / 1000).toFixed(1)} s after vmspawn-run started (${attempts} attempts)`);

	// What PID 1 is, whether the boot finished cleanly, what arrived as credentials and
	// what systemd-ssh-generator made of them; then a marker for the journal.
	const session = await ssh(
		[
			'echo "pid1=$(cat /proc/1/comm)"',
			'echo "state=$(systemctl is-system-running --wait)"',
			'systemctl --failed --no-legend --plain | sed "s/^/failed=/"',
			'ls /run/credentials/@system | sed "s/^/credential=/"',
			'echo "socket=$(systemctl is-active sshd-extra.socket) $(systemctl show -P Listen sshd-extra.socket)"',
			'[ -e /root/.ssh/authorized_keys ] || echo "no-authorized_keys-file"',
			`systemd-cat -t vmspawn-e2e echo ${marker}`,
			// journald takes the line asynchronously: look for it a few times.
			`for i in 1 2 3 4 5 6 7 8 9 10; do journalctl -b -t vmspawn-e2e -o cat | grep -qx ${marker} && echo "local-journal=yes" && break; sleep 0.5; done`,
			'echo "forward-to=$(cat /run/credentials/@system/journal.forward_to_socket)"',
			'echo "journald-ip=$(systemctl show -P IPAddressDeny systemd-journald) IPAddressAllow=$(systemctl show -P IPAddressAllow systemd-journald)"',
			'echo "boot=$(systemd-analyze time | head -n 1)"',
			'systemd-analyze blame --no-pager | head -n 8 | sed "s/^/blame=/"',
		].join('; '),
		240_000,
	);
	t.is(session.exitCode, 0, `ssh: ${session.stderr}\n${context()}`);
	const out = session.stdout;
	const values = (name: string) =>
		out
			.split('\n')
			.filter(line => line.startsWith(`${name}=`))
			.map(line => line.slice(name.length + 1));
	// Without vsock journald forwards over IP, which its unit's IPAddressDeny=any must let through.
	const why = `journald forwards to ${values('forward-to').join('')}; systemd-journald.service has IPAddressDeny=${values('journald-ip').join('')}`;
	t.log(values('boot').join(''));
	t.log(`slowest units:\n${values('blame').join('\n')}`);
	t.deepEqual(values('pid1'), ['systemd'], out);
	t.deepEqual(values('state'), ['running'], `${out}\n${context()}`);
	t.deepEqual(values('failed'), [], out);
	t.deepEqual(
		values('credential')
			.filter(id => /^(journal\.forward_to_socket|ssh\.|systemd\.unit-dropin\.)/.test(id))
			.sort(),
		[
			'journal.forward_to_socket',
			'ssh.ephemeral-authorized_keys-all',
			'ssh.listen',
			'systemd.unit-dropin.sshd-extra@.service',
			'systemd.unit-dropin.sshd-vsock@.service',
			'systemd.unit-dropin.systemd-journald.service~vmspawn-forward-journal',
		],
		out,
	);
	t.deepEqual(values('socket'), ['active 0.0.0.0:2222 (Stream)'], out);
	t.true(out.includes('no-authorized_keys-file'), 'the key was only in the credential');

	// Power off from inside; --no-block lets the ssh session end cleanly first.
	const poweroff = await ssh('systemctl --no-block poweroff');
	t.is(poweroff.exitCode, 0, poweroff.stderr);
	const deadline = setTimeout(() => run.kill('SIGTERM'), 180_000);
	const result = await run;
	clearTimeout(deadline);
	t.log(
		`vmspawn-run ended ${((Date.now() - sshReady) / 1000).toFixed(1)} s after ssh answered, ${((Date.now() - started) / 1000).toFixed(1)} s after it started`,
	);
	t.is(result.exitCode, 0, context());

	// The journal: the guest's own has the marker (journald stalls while a forwarding
	// connect() hangs), the forwarded one has it and sshd's record of the key login.
	t.deepEqual(values('local-journal'), ['yes'], `the guest's journald took the marker (${why})\n${out}`);
	t.true(existsSync(output), `${output} was written`);
	const journal = await execa('journalctl', [`--file=${output}`, '--output=cat', '--no-pager'], {reject: false});
	t.true(journal.stdout.split('\n').includes(marker), `marker in the forwarded journal (${why}); journalctl: ${journal.stderr}\n${tail(journal.stdout, 30)}`);
	t.regex(journal.stdout, /Accepted publickey for root from/);

	t.false(existsSync(key), 'the private key is gone after the run');
	t.deepEqual(await waitUntilEmpty(() => processesMentioning(output)), [], 'systemd-journal-remote stopped with the VM');
	t.deepEqual(await waitUntilEmpty(() => processesMentioning(key)), []);
	t.deepEqual(await waitUntilEmpty(() => processesMentioning(disk)), [], 'qemu ended');
	t.deepEqual(runtimeDirsOf(machine), []);
});
