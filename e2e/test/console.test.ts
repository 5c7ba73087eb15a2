import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, processesTagged, runtimeDirsOf, testTagVariable} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {TmuxSession} from '../helpers/tmux.js';
import {toolLines} from '../helpers/tool-lines.js';
import {runTool, toolPath} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

// The guest says when it reads the console, then echoes one line back and waits to be killed.
const echoScript = guestScript(['echo READY-FOR-INPUT > /dev/hvc0', 'read -r line < /dev/hvc0', 'echo "GUEST-GOT:$line" > /dev/hvc0', 'sleep 300'].join('\n'));

test('interactive console on a terminal: typing reaches the guest, Ctrl-] three times kills the VM, the terminal is restored', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const machine = 'e2e-interactive';
	const sttyBefore = join(scratch, 'stty-before');
	const sttyAfter = join(scratch, 'stty-after');
	const script = join(scratch, 'run.sh');
	writeFileSync(
		script,
		[
			`stty -g > ${sttyBefore}`,
			`${testTagVariable}=${machine} node ${toolPath('vmspawn-run')} --linux=${guest}/vmlinuz --initrd=${guest}/initrd.img --firmware=none -D ${scratch} --tpm=no --ram=256M -M ${machine} quiet no_timer_check '${echoScript}'`,
			'status=$?',
			`stty -g > ${sttyAfter}`,
			'echo "EXIT-STATUS:$status"',
			'sleep 60',
		].join('\n'),
	);
	const session = TmuxSession.start(`vmspawn-e2e-${process.pid}`, `sh ${script}`);
	t.teardown(() => session.kill());
	await session.waitFor(() => session.screen().includes('READY-FOR-INPUT'), 'the guest to read its console');
	t.regex(session.screen(), /Press Ctrl-] three times within 1s to kill VM\./);
	session.type('hello guest', 'Enter');
	await session.waitFor(() => session.screen().includes('GUEST-GOT:hello guest'), 'the guest to echo the line');
	session.type('C-]', 'C-]', 'C-]');
	await session.waitFor(() => session.screen().includes('EXIT-STATUS:'), 'vmspawn-run to end');
	t.regex(session.screen(), /EXIT-STATUS:0/);
	t.is(readFileSync(sttyAfter, 'utf8'), readFileSync(sttyBefore, 'utf8'), 'the terminal modes are as before');
	t.deepEqual(processesTagged(machine), [], 'vmspawn-run and everything it started ended');
	t.deepEqual(runtimeDirsOf(machine), []);
});

test("read-only console: input is ignored and stdin may be closed; output on a pipe is only the guest's", async t => {
	const guest = await guestDir();
	const result = await runTool(
		'vmspawn-run',
		[...tinyGuestBoot(guest), '-D', scratchDir(t), '--tpm=no', '--ram=256M', '--console=read-only', '-M', 'e2e-read-only', ...guestKernelWords],
		{input: 'ignored input\n'},
	);
	t.is(result.exitCode, 0, result.stderr);
	t.truthy(parseGuestReport(result.stdout));
	t.false(result.stdout.includes('\u001B['), 'no escape sequences from vmspawn-run in piped output');
	t.regex(result.stderr, /^Spawning VM e2e-read-only on .+\.$/m);
	t.notRegex(result.stderr, /Ctrl-]/);
});

test("--console-transport=serial: the guest's console is its serial port ttyS0, and what it writes there reaches vmspawn-run's output", async t => {
	const guest = await guestDir();
	const script = guestScript('cat /sys/class/tty/console/active; if [ -e /dev/hvc0 ]; then echo has-hvc0; fi; echo SERIAL-LINE > /dev/ttyS0');
	const result = await runTool('vmspawn-run', [
		...tinyGuestBoot(guest),
		'-D',
		scratchDir(t),
		'--tpm=no',
		'--ram=256M',
		'--console=read-only',
		'--console-transport=serial',
		'-M',
		'e2e-serial-console',
		'-q',
		...guestKernelWords,
		script,
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.regex(report.cmdline, /^console=ttyS0 /);
	t.is(report.scriptOutput, 'ttyS0\n', "the kernel's console is ttyS0 and there is no virtio console");
	t.regex(result.stdout, /^SERIAL-LINE\r?$/m, 'a line written to ttyS0 came out of vmspawn-run');
	t.regex(result.stdout, /vmspawn-test-guest: init started on \/dev\/console/);
});

// Whether this host's qemu can open a window (Debian: qemu-system-gui installed); decided before the tests run.
const qemuHasWindow = /^(gtk|sdl)$/m.test(execFileSync('qemu-system-x86_64', ['-display', 'help'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}));

(qemuHasWindow ? test.skip : test)(
	`--console=gui on a qemu without a window display is refused with one line before anything starts${qemuHasWindow ? ' — skipped: this qemu can open a window' : ''}`,
	async t => {
		const guest = await guestDir();
		const machine = 'e2e-gui-no-display';
		const result = await runTool(
			'vmspawn-run',
			[...tinyGuestBoot(guest), '-D', scratchDir(t), '--tpm=no', '--ram=256M', '--console=gui', '-M', machine, '-q', ...guestKernelWords],
			{env: {DISPLAY: ':0'}},
		);
		t.is(result.exitCode, 95);
		const lines = toolLines(result.stderr);
		t.is(lines.length, 1, result.stderr);
		t.regex(
			lines[0] ?? '',
			/^vmspawn-run: --console=gui: this qemu cannot open a window: its display backends are [\w, -]+, none of gtk, sdl, cocoa \(install the Debian package qemu-system-gui\); use --console=interactive or --console=headless$/,
		);
		t.deepEqual(processesMentioning(machine), [], 'no qemu was started');
		t.deepEqual(runtimeDirsOf(machine), []);
	},
);

test('closing the terminal (SIGHUP) while the guest runs stops the VM and leaves nothing behind', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const machine = 'e2e-hangup';
	const session = TmuxSession.start(
		`vmspawn-e2e-hup-${process.pid}`,
		`env ${testTagVariable}=${machine} node ${toolPath('vmspawn-run')} --linux=${guest}/vmlinuz --initrd=${guest}/initrd.img --firmware=none -D ${scratch} --tpm=yes --ram=256M -M ${machine} quiet no_timer_check '${echoScript}'`,
	);
	t.teardown(() => session.kill());
	await session.waitFor(() => session.screen().includes('READY-FOR-INPUT'), 'the guest to read its console');
	t.true(processesTagged(machine).length >= 3, 'vmspawn-run, swtpm and qemu are found while the guest runs');
	session.kill();
	const deadline = Date.now() + 60_000;
	while ((processesTagged(machine).length > 0 || runtimeDirsOf(machine).length > 0) && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 200));
	}

	t.deepEqual(processesTagged(machine), [], 'vmspawn-run ended');
	t.deepEqual(processesMentioning(`/run/vmspawn/${machine}-`), [], 'qemu and the helpers ended');
	t.deepEqual(runtimeDirsOf(machine), [], 'the runtime directory was removed');
});
