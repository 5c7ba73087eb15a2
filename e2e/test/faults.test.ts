// Faults injected into real runs: a helper, qemu or vmspawn-run itself killed, a guest
// that panics, a full disk, a plan gone stale. Each must end with its documented exit
// status and one line saying why, and leave no process and no runtime directory behind.
// (swtpm dying and SIGHUP are in tpm.test.ts and console.test.ts.)
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {startVm} from '../helpers/background-vm.js';
import {guestScript, makeCpio} from '../helpers/guest-files.js';
import {guestKernelModule} from '../helpers/guest-module.js';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {childrenOf, waitUntilEmpty} from '../helpers/processes.js';
import {scratchDir} from '../helpers/scratch.js';
import {toolLines} from '../helpers/tool-lines.js';
import {runTool} from '../helpers/tools.js';
import {guestKernelWords, tinyGuestBoot} from '../helpers/direct-boot.js';

const guest = await guestDir();
const direct = [...tinyGuestBoot(guest), '--ram=256M', '--console=read-only'];
// The guest says it is up, then waits to be disturbed.
const waitInGuest = guestScript('echo GUEST-RUNNING > /dev/hvc0\nsleep 300');
const asRoot = process.getuid?.() === 0;

async function assertNothingLeft(t: ExecutionContext, machine: string): Promise<void> {
	t.deepEqual(await waitUntilEmpty(() => processesMentioning(`/run/vmspawn/${machine}-`), 5000), [], 'no qemu or helper is left');
	t.deepEqual(runtimeDirsOf(machine), [], 'no runtime directory is left');
}

test('virtiofsd killed with SIGKILL while the guest runs stops the VM with 126, names the share, and leaves nothing behind', async t => {
	const machine = 'e2e-fault-virtiofsd';
	const scratch = scratchDir(t);
	mkdirSync(join(scratch, 'share'));
	const vm = startVm([
		...direct,
		'-D',
		scratch,
		`--bind=${join(scratch, 'share')}:/mnt/share`,
		'--tpm=no',
		'-M',
		machine,
		'-q',
		...guestKernelWords,
		waitInGuest,
	]);
	await vm.waitFor('GUEST-RUNNING');
	const share = childrenOf(vm.run.pid!).find(child => child.cmdline.includes('virtiofsd-mnt0.sock'));
	t.truthy(share, "the share's virtiofsd runs as a child of vmspawn-run");
	process.kill(share!.pid, 'SIGKILL');
	const result = await vm.run;
	t.is(result.exitCode, 126);
	t.deepEqual(toolLines(result.stderr), ['vmspawn-run: virtiofsd-mnt0 was killed by signal SIGKILL while the guest was running; stopping the VM']);
	await assertNothingLeft(t, machine);
});

test('qemu killed with SIGKILL while the guest runs exits 137 (128 + 9), says qemu was killed, and leaves nothing behind', async t => {
	const machine = 'e2e-fault-qemu';
	const vm = startVm([...direct, '-D', scratchDir(t), '--tpm=yes', '-M', machine, '-q', ...guestKernelWords, waitInGuest]);
	await vm.waitFor('GUEST-RUNNING');
	const qemu = childrenOf(vm.run.pid!).find(child => child.cmdline.includes('qemu-system-'));
	t.truthy(qemu, 'qemu runs as a child of vmspawn-run');
	process.kill(qemu!.pid, 'SIGKILL');
	const result = await vm.run;
	t.is(result.exitCode, 137);
	t.deepEqual(toolLines(result.stderr), ['vmspawn-run: qemu was killed by signal SIGKILL']);
	await assertNothingLeft(t, machine);
});

test('a guest kernel panic ends the run at once with 123 instead of hanging, and leaves nothing behind', async t => {
	const machine = 'e2e-fault-panic';
	// vmspawn.test.panic=1: the guest's init prints its report, then crashes the kernel through sysrq.
	const result = await runTool('vmspawn-run', [...direct, '-D', scratchDir(t), '--tpm=no', '-M', machine, '-q', ...guestKernelWords, 'vmspawn.test.panic=1'], {
		timeoutMs: 240_000,
	});
	t.is(result.exitCode, 123, result.stderr);
	t.deepEqual(toolLines(result.stderr), ["vmspawn-run: the guest's kernel panicked"]);
	t.truthy(parseGuestReport(result.stdout), 'the guest booted before it panicked');
	t.regex(result.stdout, /Kernel panic - not syncing/);
	await assertNothingLeft(t, machine);
});

// The test guest has no ACPI button driver in its initrd; a second initrd brings it from the guest's kernel package.
const buttonDriver = guestKernelModule(guest, 'kernel/drivers/acpi/button.ko');
(buttonDriver ? test : test.skip)(
	`one SIGTERM presses the guest's power button; a guest that powers off exits 0 long before the 30 s kill${buttonDriver ? '' : " (skipped: no button.ko in the guest's cached kernel package)"}`,
	async t => {
		const machine = 'e2e-fault-sigterm';
		const cpio = makeCpio({'button.ko': buttonDriver!});
		t.teardown(() => rmSync(dirname(cpio), {recursive: true, force: true}));
		// The power button is an ACPI fixed event; its counter moves once the driver has enabled it and qemu presses it.
		const script = guestScript(
			[
				'insmod /button.ko',
				'echo POWER-BUTTON-WATCHED > /dev/hvc0',
				'while [ "$(awk \'{print $1}\' /sys/firmware/acpi/interrupts/ff_pwr_btn)" = 0 ]; do sleep 0.1; done',
				'echo POWER-BUTTON-PRESSED',
			].join('\n'),
		);
		const vm = startVm([...direct, `--initrd=${cpio}`, '-D', scratchDir(t), '--tpm=no', '-M', machine, ...guestKernelWords, script]);
		await vm.waitFor('POWER-BUTTON-WATCHED');
		const sent = Date.now();
		process.kill(vm.run.pid!, 'SIGTERM');
		const result = await vm.run;
		t.is(result.exitCode, 0, result.stderr);
		t.true(Date.now() - sent < 25_000, `the guest powered off by itself (${Date.now() - sent} ms), it was not killed`);
		t.regex(result.stderr, /^Received SIGTERM: asking the guest to power off\. Send SIGTERM again to kill qemu at once\.$/m);
		t.regex(parseGuestReport(result.stdout).scriptOutput ?? '', /POWER-BUTTON-PRESSED/);
		await assertNothingLeft(t, machine);
	},
);

test('vmspawn-run killed with SIGKILL takes qemu and every helper with it; the next start removes the runtime directory it left', async t => {
	const machine = 'e2e-fault-sigkill';
	const scratch = scratchDir(t);
	mkdirSync(join(scratch, 'share'));
	const options = [...direct, '-D', scratch, `--bind=${join(scratch, 'share')}:/mnt/share`, '-M', machine, '-q'];
	const vm = startVm([...options, '--tpm=yes', ...guestKernelWords, waitInGuest]);
	await vm.waitFor('GUEST-RUNNING');
	const started = processesMentioning(`/run/vmspawn/${machine}-`);
	t.true(
		['qemu-system-', 'swtpm socket', 'virtiofsd-root.sock', 'virtiofsd-mnt0.sock'].every(what => started.some(line => line.includes(what))),
		`qemu, swtpm and two virtiofsd run:\n${started.join('\n')}`,
	);
	vm.run.kill('SIGKILL');
	await vm.run;
	// qemu and the helpers get SIGKILL from the kernel (parent-death signal) the moment vmspawn-run dies.
	t.deepEqual(await waitUntilEmpty(() => processesMentioning(`/run/vmspawn/${machine}-`), 5000), [], 'qemu and the helpers died with vmspawn-run');
	const stale = runtimeDirsOf(machine);
	t.log(`left behind by the killed run: ${stale.join(', ') || 'nothing (another start removed it already)'}`);

	const next = await runTool('vmspawn-run', [...options, '--tpm=no', ...guestKernelWords]);
	t.is(next.exitCode, 0, next.stderr);
	await assertNothingLeft(t, machine);
});

// No boot: the disk fills up while the runtime directory is made or filled, before qemu starts.
(asRoot ? test : test.skip)(
	`a full file system under the runtime directory fails the start with ENOSPC (28) and one error line, leaving nothing${asRoot ? '' : ' (skipped: mounting a tmpfs needs root)'}`,
	async t => {
		const machine = 'e2e-fault-disk';
		const scratch = scratchDir(t);
		const base = join(scratch, 'runtime');
		mkdirSync(base);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', base]);
		t.teardown(() => execFileSync('umount', [base]));
		const run = async () =>
			runTool(
				'vmspawn-run',
				[...direct, `--initrd=${guest}/initrd.img`, '-D', scratch, '--tpm=no', '--pass-ssh-key=no', '-M', machine, '-q', ...guestKernelWords],
				{
					env: {VMSPAWN_RUNTIME_DIR: base},
				},
			);
		const nothingLeftIn = () => readdirSync(base).filter(entry => entry !== 'filler');

		// Two initrds are merged into the runtime directory: 2 x 1.6 MB cannot fit in 64 KiB.
		const merge = await run();
		t.is(merge.exitCode, 28);
		t.regex(
			errorLine(merge.stderr),
			new RegExp(`^vmspawn-run: cannot prepare the runtime directory ${base}/${machine}-[\\da-f]{8}: ENOSPC: no space left on device, write$`),
		);
		t.deepEqual(nothingLeftIn(), []);

		// No room even for the directory's owner file: without it no later run could tell the directory was stale.
		writeFileSync(join(base, 'filler'), Buffer.alloc(64 * 1024));
		const full = await run();
		t.is(full.exitCode, 28);
		t.regex(
			errorLine(full.stderr),
			new RegExp(`^vmspawn-run: cannot prepare the runtime directory ${base}/${machine}-[\\da-f]{8}: ENOSPC: no space left on device, write$`),
		);
		t.deepEqual(nothingLeftIn(), []);
		t.deepEqual(processesMentioning(base), []);
	},
);

/** The one error line; any other line of the tool's is a warning (-q shows warnings, e.g. that the status file could not be written). */
function errorLine(stderr: string): string {
	const lines = toolLines(stderr);
	const errors = lines.filter(line => !line.startsWith('vmspawn-run: warning: '));
	return errors.length === 1 ? errors[0]! : JSON.stringify(lines);
}

/** A plan from vmspawn-fs with a root directory and one share, and the directories it names. */
async function stagedPlan(
	t: ExecutionContext,
	machine: string,
): Promise<{file: string; plan: {runtime: {dir: string}; fs: {shares: Array<{helper: {argv: string[]}}>}}; root: string; share: string}> {
	const scratch = scratchDir(t);
	const root = join(scratch, 'root');
	const share = join(scratch, 'share');
	mkdirSync(root);
	mkdirSync(share);
	const staged = await runTool('vmspawn-fs', ['-M', machine, '-D', root, `--bind=${share}:/mnt/share`]);
	t.is(staged.exitCode, 0, staged.stderr);
	return {file: join(scratch, 'plan.json'), plan: JSON.parse(staged.stdout) as never, root, share};
}

async function runPlan(file: string, plan: object, machine: string) {
	writeFileSync(file, JSON.stringify(plan));
	return runTool('vmspawn-run', [`--plan=${file}`, ...direct, '--tpm=no', '-M', machine, '-q', ...guestKernelWords]);
}

test('a plan whose helper program is missing is refused with ENOENT (2) and one line, before anything starts', async t => {
	const machine = 'e2e-fault-no-helper';
	const {file, plan} = await stagedPlan(t, machine);
	plan.fs.shares[0]!.helper.argv[0] = '/nonexistent/virtiofsd';
	const result = await runPlan(file, plan, machine);
	t.is(result.exitCode, 2);
	t.deepEqual(toolLines(result.stderr), ['vmspawn-run: helper virtiofsd-mnt0: its program /nonexistent/virtiofsd does not exist']);
	await assertNothingLeft(t, machine);
});

test('a plan whose helper exits at once fails the start with 126 naming the helper, and leaves nothing behind', async t => {
	const machine = 'e2e-fault-false-helper';
	const {file, plan} = await stagedPlan(t, machine);
	plan.fs.shares[0]!.helper.argv = ['/bin/false'];
	const result = await runPlan(file, plan, machine);
	t.is(result.exitCode, 126);
	// A plan fed to vmspawn-run gets a runtime directory of its own run (plan.md, "Replaying a plan"), named like the plan's.
	const lines = toolLines(result.stderr);
	t.is(lines.length, 1, result.stderr);
	const runtimeBase = dirname(plan.runtime.dir);
	t.regex(
		lines[0] ?? '',
		new RegExp(
			`^vmspawn-run: helper virtiofsd-mnt0 \\(/bin/false\\) exited before creating its socket ${runtimeBase}/e2e-fault-false-help-[0-9a-f]{8}/virtiofsd-mnt0\\.sock$`,
		),
	);
	t.false(lines[0]!.includes(plan.runtime.dir), 'not the runtime directory of the run that wrote the plan');
	await assertNothingLeft(t, machine);
});

test('a plan whose shared or root directory vanished after vmspawn-fs wrote it is refused with ENOENT (2), naming the path and where the plan has it', async t => {
	const machine = 'e2e-fault-vanished';
	const {file, plan, root, share} = await stagedPlan(t, machine);
	rmSync(share, {recursive: true});
	const noShare = await runPlan(file, plan, machine);
	t.is(noShare.exitCode, 2);
	t.deepEqual(toolLines(noShare.stderr), [`vmspawn-run: the shared directory ${share} (fs.shares[0].source) does not exist`]);

	rmSync(root, {recursive: true});
	const noRoot = await runPlan(file, plan, machine);
	t.is(noRoot.exitCode, 2);
	t.deepEqual(toolLines(noRoot.stderr), [`vmspawn-run: the root directory ${root} (fs.root.path) does not exist`]);
	t.deepEqual(readFileSync(file, 'utf8'), JSON.stringify(plan), 'the plan itself is left alone');
	await assertNothingLeft(t, machine);
});
