import {rmSync} from 'node:fs';
import {dirname} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript, makeCpio} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

test('a direct kernel boot through the default firmware reaches the guest with its command line, CPUs, memory and every initrd', async t => {
	const guest = await guestDir();
	const extra = makeCpio({'vmspawn-extra-initrd': 'from the second initrd\n'});
	t.teardown(() => rmSync(dirname(extra), {recursive: true, force: true}));
	const machine = 'e2e-direct';
	const result = await runTool('vmspawn-run', [
		`--linux=${guest}/vmlinuz`,
		`--initrd=${guest}/initrd.img`,
		`--initrd=${extra}`,
		'-D',
		scratchDir(t),
		'--cpus=2',
		'--ram=600M',
		'--console=read-only',
		`-M`,
		machine,
		...guestKernelWords,
		'vmspawn.e2e=hello',
		guestScript('cat /vmspawn-extra-initrd'),
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.is(report.cmdlineArgs[0], 'console=hvc0');
	t.true(report.cmdlineArgs.includes('vmspawn.e2e=hello'));
	t.is(report.nproc, 2);
	t.true(report.memTotalKiB > 450 * 1024 && report.memTotalKiB <= 600 * 1024, `MemTotal ${report.memTotalKiB} KiB`);
	t.is(report.scriptOutput?.trim(), 'from the second initrd');
	t.deepEqual(runtimeDirsOf(machine), [], 'the runtime directory was removed');
	t.deepEqual(processesMentioning(machine), [], 'no process of the run is left');
});

test('--kvm=auto here says why it falls back to TCG, and the guest still boots', async t => {
	const guest = await guestDir();
	const result = await runTool('vmspawn-run', [
		...tinyGuestBoot(guest),
		'-D',
		scratchDir(t),
		'--ram=256M',
		'--console=read-only',
		'-M',
		'e2e-kvm-auto',
		...guestKernelWords,
	]);
	t.is(result.exitCode, 0, result.stderr);
	t.truthy(parseGuestReport(result.stdout));
	if (!result.stderr.includes('falling back')) {
		t.log('this host has a usable KVM');
		return;
	}

	t.regex(result.stderr, /^vmspawn-run: warning: KVM is not usable \(.+\); falling back to software emulation \(TCG\), which is much slower$/m);
});

test("qemu refusing its arguments is a failure with qemu's own message, never exit 0", async t => {
	const guest = await guestDir();
	// --cpus is passed to -smp verbatim, as upstream does, so qemu is the one to reject it.
	const result = await runTool('vmspawn-run', [
		`--linux=${guest}/vmlinuz`,
		'--firmware=none',
		'-D',
		scratchDir(t),
		'--cpus=0x',
		'--console=read-only',
		'-M',
		'e2e-qemu-fails',
		'-q',
	]);
	t.is(result.exitCode, 125);
	t.regex(result.stderr, /qemu-system-x86_64: .*\n/);
	t.regex(result.stderr, /^vmspawn-run: qemu exited with status 1$/m);
	t.deepEqual(runtimeDirsOf('e2e-qemu-fails'), []);
});
