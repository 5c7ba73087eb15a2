import test, {type ExecutionContext} from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

// What the guest saw of its memory hotplug range (ACPI SRAT) and of the VM generation ID device.
const script = [
	'dmesg | grep -E "SRAT: Node .* hotplug" | sed "s/^\\[[^]]*\\] //"',
	'for d in /sys/bus/acpi/devices/*; do if [ "$(cat "$d/hid" 2>/dev/null)" = QEMUVGID ]; then echo "vmgenid $(basename "$d")"; fi; done',
].join('\n');

async function boot(t: ExecutionContext, machine: string, ram: string) {
	const guest = await guestDir();
	const result = await runTool('vmspawn-run', [
		...tinyGuestBoot(guest),
		'-D',
		scratchDir(t),
		'--tpm=no',
		`--ram=${ram}`,
		'--console=read-only',
		'-M',
		machine,
		'-q',
		...guestKernelWords,
		guestScript(script),
	]);
	t.is(result.exitCode, 0, result.stderr);
	return parseGuestReport(result.stdout);
}

test('--ram=256M:1G:4 boots with 256 MiB and a hotplug range up to 1 GiB; the guest has a vmgenid device', async t => {
	const report = await boot(t, 'e2e-ram-hotplug', '256M:1G:4');
	// MemTotal is what the kernel manages: the 256 MiB less what it reserved, never more.
	t.true(report.memTotalKiB <= 256 * 1024 && report.memTotalKiB > 150 * 1024, `MemTotal ${report.memTotalKiB} kB`);
	t.is(report.scriptStatus, 0, report.scriptOutput);
	const output = report.scriptOutput ?? '';
	// qemu's SRAT marks its device memory hot-pluggable: from 4 GiB up, the 768 MiB that maxmem adds plus
	// 1 GiB of alignment room per slot (pc_memory_init), so 0x130000000 bytes show that both maxmem and slots were taken.
	t.regex(output, /SRAT: Node 0 PXM 0 \[mem 0x100000000-0x22fffffff\] hotplug/);
	t.regex(output, /^vmgenid QEMUVGID:00$/m);
});

test('without a maximum there is no hotplug range', async t => {
	const report = await boot(t, 'e2e-ram-plain', '256M');
	t.is(report.scriptStatus, 0, report.scriptOutput);
	t.notRegex(report.scriptOutput ?? '', /hotplug/);
	t.regex(report.scriptOutput ?? '', /^vmgenid QEMUVGID:00$/m);
});
