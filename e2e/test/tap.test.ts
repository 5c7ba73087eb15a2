import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {toolPath} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

const readyMarker = 'VMSPAWN-E2E-TAP-UP';
const root = process.getuid?.() === 0;

// A static address (nothing serves DHCP on a bare tap), then one answer on port 80.
const guestServes = [
	'ip link set eth0 up',
	'ip addr add 192.168.77.2/24 dev eth0',
	`echo ${readyMarker} > /dev/hvc0`,
	'printf "HTTP/1.0 200 OK\\r\\n\\r\\nhello over tap\\n" | timeout 90 nc -l -p 80 >/dev/null',
	'echo "served $?"',
].join('\n');

async function inNamespace(namespace: string, argv: string[]) {
	return execa('ip', ['netns', 'exec', namespace, ...argv], {reject: false, timeout: 30_000});
}

(root ? test : test.skip)(
	'--network-tap connects the guest to vt-NAME with the derived MAC, and the host reaches it there (in a private network namespace)',
	async t => {
		const guest = await guestDir();
		const machine = 'e2e-tap';
		const ifname = `vt-${machine}`;
		const namespace = `vmspawn-e2e-${process.pid}`;
		await execa('ip', ['netns', 'add', namespace]);
		t.teardown(async () => {
			await execa('ip', ['netns', 'del', namespace], {reject: false});
		});
		const args = [
			...tinyGuestBoot(guest),
			'-D',
			scratchDir(t),
			'--tpm=no',
			'--pass-ssh-key=no',
			'--network-tap',
			'--ram=256M',
			'--console=read-only',
			'-M',
			machine,
			'-q',
			...guestKernelWords,
			guestScript(guestServes),
		];
		const planned = JSON.parse((await execa('node', [toolPath('vmspawn-run'), '--dry-run', ...args])).stdout) as {
			plan: {network: {ifname: string; mac: string}};
		};
		t.deepEqual(planned.plan.network.ifname, ifname);

		const run = execa('ip', ['netns', 'exec', namespace, 'node', toolPath('vmspawn-run'), ...args], {reject: false, stdin: 'ignore'});
		const ready = new Promise<void>(resolve => {
			run.stdout?.on('data', (chunk: Buffer) => {
				if (String(chunk).includes(readyMarker)) {
					resolve();
				}
			});
		});
		// The host side of the tap, as systemd-networkd's 80-vm-vt.network would set it up.
		let configured = false;
		for (let attempt = 0; attempt < 300 && !configured && run.exitCode === null; attempt++) {
			configured = (await inNamespace(namespace, ['ip', 'addr', 'add', '192.168.77.1/24', 'dev', ifname])).exitCode === 0;
			if (!configured) {
				await delay(100);
			}
		}

		t.true(configured, 'qemu created the tap device in the namespace');
		await inNamespace(namespace, ['ip', 'link', 'set', ifname, 'up']);
		await Promise.race([ready, run]);
		let answer = '';
		for (let attempt = 0; attempt < 20 && !answer.includes('hello') && run.exitCode === null; attempt++) {
			answer = (await inNamespace(namespace, ['bash', '-c', 'exec 3<>/dev/tcp/192.168.77.2/80 && printf "GET / HTTP/1.0\\r\\n\\r\\n" >&3 && cat <&3'])).stdout;
			if (!answer.includes('hello')) {
				await delay(500);
			}
		}

		const result = await run;
		t.is(result.exitCode, 0, String(result.stderr));
		t.regex(answer, /hello over tap/);
		const report = parseGuestReport(String(result.stdout));
		t.regex(report.scriptOutput ?? '', /served 0/);
		t.deepEqual(
			report.netInterfaces.find(nic => nic.name === 'eth0')?.mac,
			planned.plan.network.mac,
			"the guest's NIC has the MAC derived from machine ID and name",
		);
		t.not((await inNamespace(namespace, ['ip', 'link', 'show', ifname])).exitCode, 0, 'the tap device went with qemu');
		t.deepEqual(runtimeDirsOf(machine), []);
	},
);
