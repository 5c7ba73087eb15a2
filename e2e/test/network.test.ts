import {connect} from 'node:net';
import test from 'ava';
import {findFreeTcpPort} from '@vmspawn/network';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool, toolPath} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

/** One HTTP-ish exchange with the forwarded port; undefined while nothing in the guest answers yet. */
async function fetchOnce(port: number): Promise<string | undefined> {
	return new Promise(resolve => {
		const socket = connect(port, '127.0.0.1');
		let received = '';
		socket.setTimeout(30_000, () => socket.destroy());
		socket.on('connect', () => socket.write('GET / HTTP/1.0\r\n\r\n'));
		socket.on('data', chunk => {
			received += String(chunk);
		});
		socket.on('close', () => resolve(received === '' ? undefined : received));
		socket.on('error', () => resolve(undefined));
	});
}

const listeningMarker = 'VMSPAWN-E2E-LISTENING';

// The guest asks qemu's DHCP server for an address, then answers one request on port 80.
const guestServer = [
	'printf \'#!/bin/sh\\n[ "$1" = bound ] && ip addr add "$ip/$mask" dev "$interface" && ip route add default via "$router"\\nexit 0\\n\' > /tmp/dhcp.sh',
	'chmod +x /tmp/dhcp.sh',
	'ip link set eth0 up',
	'udhcpc -i eth0 -s /tmp/dhcp.sh -q -n -t 5 >/dev/null 2>&1',
	'ip -4 addr show dev eth0 | sed -n "s/.*inet \\([0-9.]*\\).*/address \\1/p"',
	'(printf "HTTP/1.0 200 OK\\r\\n\\r\\nhello from the guest\\n" | nc -l -p 80 >/dev/null) &',
	'sleep 1',
	// Straight to the console, not into the captured script output: the host connects once it sees this.
	`echo ${listeningMarker} > /dev/hvc0`,
	'wait',
].join('\n');

test('user-mode networking gives the guest an address by DHCP and forwards a loopback port into it', async t => {
	const guest = await guestDir();
	const port = await findFreeTcpPort();
	const run = execa(
		'node',
		[
			toolPath('vmspawn-run'),
			...tinyGuestBoot(guest),
			'-D',
			scratchDir(t),
			'--tpm=no',
			'--network-user-mode',
			`--port=tcp:${port}:80`,
			'--ram=256M',
			'--console=read-only',
			'-M',
			'e2e-net',
			'-q',
			...guestKernelWords,
			guestScript(guestServer),
		],
		{reject: false, stdin: 'ignore'},
	);
	// One connection, after the guest listens: slirp would hand an earlier, abandoned one to the guest's one-shot server.
	const listening = new Promise<void>(resolve => {
		run.stdout?.on('data', (chunk: Buffer) => {
			if (String(chunk).includes(listeningMarker)) {
				resolve();
			}
		});
	});
	await Promise.race([listening, run]);
	const answer = await fetchOnce(port);

	const result = await run;
	t.is(result.exitCode, 0, String(result.stderr));
	t.regex(answer ?? '', /hello from the guest/);
	const report = parseGuestReport(String(result.stdout));
	t.regex(report.scriptOutput ?? '', /address 10\.0\.2\.15/);
	t.true(report.netInterfaces.some(nic => nic.name === 'eth0'));
});

test('without a network option the guest has no network card', async t => {
	const guest = await guestDir();
	const result = await runTool('vmspawn-run', [
		...tinyGuestBoot(guest),
		'-D',
		scratchDir(t),
		'--tpm=no',
		'--ram=256M',
		'--console=read-only',
		'-M',
		'e2e-nonet',
		'-q',
		...guestKernelWords,
	]);
	t.is(result.exitCode, 0, result.stderr);
	t.deepEqual(
		parseGuestReport(result.stdout)
			.netInterfaces.map(nic => nic.name)
			.filter(name => name !== 'lo'),
		[],
	);
});
