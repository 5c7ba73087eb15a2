import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {credentialsSeen, guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {printedSshCommand, startUntilMarker} from '../helpers/background-vm.js';
import {toolPath} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

const readyMarker = 'VMSPAWN-E2E-REPLAY-UP';

// As in ssh.test.ts: the guest takes an address, says so, then waits for the host's ssh session.
const guestWaitsForSsh = [
	'printf \'#!/bin/sh\\n[ "$1" = bound ] && ip addr add "$ip/$mask" dev "$interface" && ip route add default via "$router"\\nexit 0\\n\' > /tmp/dhcp.sh',
	'chmod +x /tmp/dhcp.sh',
	'ip link set eth0 up',
	'udhcpc -i eth0 -s /tmp/dhcp.sh -q -n -t 5 >/dev/null 2>&1',
	`echo ${readyMarker} > /dev/hvc0`,
	'i=0; while [ ! -e /run/ssh-done ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done',
	'[ -e /run/ssh-done ] && echo "ssh session seen"',
].join('\n');

// One replay of the saved plan: boots, lets the printed ssh command log in, and returns what it saw.
async function replay(file: string) {
	const {run, stderr} = await startUntilMarker([`--plan=${file}`, '--set-credential=greeting:hello again', '--register=no'], readyMarker);
	const words = printedSshCommand(stderr()) ?? [];
	const session =
		words.length === 0
			? undefined
			: await execa(words[0]!, [...words.slice(1), '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=60', 'echo logged in as $(id -u); touch /run/ssh-done'], {
					reject: false,
					timeout: 120_000,
					stdin: 'ignore',
				});
	const result = await run;
	return {result, stderr, session, key: words[words.indexOf('-i') + 1] ?? ''};
}

test('a plan saved from --dry-run with a credential, an SSH key and a forwarded port boots twice at once; each guest gets the credentials, each ssh command logs in, nothing is left', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const machine = 'e2e-replay';
	writeFileSync(join(scratch, 'token'), 'from a file', {mode: 0o600});
	const dry = await execa(
		'node',
		[
			toolPath('vmspawn-run'),
			'--dry-run',
			'-q',
			...tinyGuestBoot(guest),
			'-D',
			scratch,
			'--tpm=no',
			'--network-user-mode',
			`--load-credential=token:${join(scratch, 'token')}`,
			'--set-credential=greeting:hello',
			'--ram=256M',
			'--console=read-only',
			'-M',
			machine,
			...guestKernelWords,
			guestScript(guestWaitsForSsh),
		],
		{stdin: 'ignore'},
	);
	const saved = JSON.parse(dry.stdout) as {plan: Record<string, any>};
	t.is(saved.plan['network'].ports[0].picked, true, 'the SSH forward is a picked port');
	const file = join(scratch, 'vm.json');
	writeFileSync(file, JSON.stringify(saved.plan));

	const runs = await Promise.all([replay(file), replay(file)]);
	const ports = new Set<string>();
	for (const [index, {result, stderr, session, key}] of runs.entries()) {
		t.is(result.exitCode, 0, `replay ${index}: ${stderr()}`);
		t.is(session?.exitCode, 0, `replay ${index} ssh: ${session?.stderr ?? 'no ssh command printed'}`);
		t.regex(session?.stdout ?? '', /^logged in as 0$/m);
		const report = parseGuestReport(String(result.stdout));
		const seen = credentialsSeen(report.smbios11);
		t.is(seen.get('token')?.toString(), 'from a file');
		t.is(seen.get('greeting')?.toString(), 'hello again');
		t.regex(report.scriptOutput ?? '', /ssh session seen/);
		t.false(existsSync(key), 'the private key is gone after the run');
		t.deepEqual(processesMentioning(key), []);
		ports.add(/-p (\d+)/.exec(stderr())?.[1] ?? '');
	}

	t.is(ports.size, 2, 'each replay picked its own SSH port');
	t.deepEqual(runtimeDirsOf(machine), []);
});
