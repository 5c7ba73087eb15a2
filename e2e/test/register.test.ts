import {existsSync, mkdirSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript, makeCpio} from '../helpers/guest-files.js';
import {guestKernelModule} from '../helpers/guest-module.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {containerLeftovers, startMachinedContainer} from '../helpers/machined-container.js';
import {toolLines} from '../helpers/tool-lines.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {runTool, toolPath} from '../helpers/tools.js';
import {guestKernelWords, tinyGuestBoot} from '../helpers/direct-boot.js';

// The suite's ava config sets VMSPAWN_REGISTER=no for every other test; these say what they want.
// Without machined, for any host: a bus address where no bus listens.
const noBus = {DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/vmspawn-e2e-bus'};
const noBusReason = 'cannot connect to the system bus at unix:path=/nonexistent/vmspawn-e2e-bus: No such file or directory';

async function imageBoot(t: Parameters<typeof scratchDir>[0]): Promise<string[]> {
	const guest = await guestDir();
	const image = privateCopy(join(guest, 'disk.raw'), scratchDir(t), 'root.raw');
	return ['-i', image, ...tinyGuestBoot(guest), '--tpm=no', '--ram=256M', '--console=read-only'];
}

test('--register=auto without machined boots all the same, and says once why it did not register', async t => {
	const machine = 'e2e-register-auto';
	const result = await runTool('vmspawn-run', [...(await imageBoot(t)), '--register=auto', '-M', machine, ...guestKernelWords], {env: noBus});
	t.is(result.exitCode, 0, result.stderr);
	t.truthy(parseGuestReport(result.stdout));
	t.regex(result.stderr, new RegExp(`^Not registering the VM with systemd-machined: ${noBusReason}$`, 'm'));
	t.deepEqual(runtimeDirsOf(machine), []);
});

test('--register=yes without machined fails with one line, exit status 2 (ENOENT), and leaves nothing behind', async t => {
	const machine = 'e2e-register-yes';
	const started = Date.now();
	const result = await runTool('vmspawn-run', [...(await imageBoot(t)), '-q', '--register=yes', '-M', machine, ...guestKernelWords], {env: noBus});
	t.is(result.exitCode, 2);
	t.deepEqual(toolLines(result.stderr), [
		`vmspawn-run: failed to register machine: ${noBusReason} (systemd-machined is in Debian's systemd-container; or pass --register=no or --register=auto)`,
	]);
	t.false(result.stdout.includes('@@VMSPAWN-REPORT-END@@'), 'the guest was stopped, not booted');
	t.true(Date.now() - started < 20_000, 'qemu was stopped at once');
	t.deepEqual(runtimeDirsOf(machine), [], 'the runtime directory was removed');
	t.deepEqual(processesMentioning(machine), [], 'qemu and every helper are gone');
});

test('without --register (and $VMSPAWN_REGISTER), the default is auto for everyone: without machined it boots and says why once', async t => {
	const machine = 'e2e-register-default';
	const result = await runTool('vmspawn-run', [...(await imageBoot(t)), '-M', machine, ...guestKernelWords], {env: {...noBus, VMSPAWN_REGISTER: ''}});
	t.is(result.exitCode, 0, result.stderr);
	t.truthy(parseGuestReport(result.stdout));
	t.regex(result.stderr, new RegExp(`^Not registering the VM with systemd-machined: ${noBusReason}$`, 'm'));
	t.deepEqual(runtimeDirsOf(machine), []);
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await delay(200);
	}
}

// The test guest has no ACPI button driver in its initrd; a second initrd brings it, so the guest powers off when asked.
const buttonDriver = guestKernelModule(await guestDir(), 'kernel/drivers/acpi/button.ko');
const waitForPowerButton = [
	'insmod /button.ko',
	'touch /sysroot/power-button-watched',
	'while [ "$(awk \'{print $1}\' /sys/firmware/acpi/interrupts/ff_pwr_btn)" = 0 ]; do sleep 0.1; done',
	'echo POWER-BUTTON-PRESSED',
].join('\n');

/** The button driver as an initrd in a directory the container sees (its binds are made at its start). */
function buttonInitrd(t: {teardown(fn: () => void): void}): string {
	const cpio = makeCpio({'button.ko': buttonDriver!});
	t.teardown(() => rmSync(dirname(cpio), {recursive: true, force: true}));
	return cpio;
}

function properties(text: string): Record<string, string> {
	return Object.fromEntries(
		text
			.split('\n')
			.filter(line => line.includes('='))
			.map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	);
}

const noButton = buttonDriver ? '' : " — skipped: no button.ko in the guest's cached kernel package";
(buttonDriver ? test.serial : test.skip)(
	`a real machined lists the VM while it runs (UUID, class vm, service, qemu as leader, root directory, its own scope unit holding qemu and virtiofsd), refuses a second VM of that name, forgets the VM when it powers off or is stopped by signals, and machinectl terminate powers off that VM only (real systemd and machined)${noButton}`,
	async t => {
		const guest = await guestDir();
		const repository = fileURLToPath(new URL('../..', import.meta.url));
		const root = scratchDir(t);
		const secondRoot = scratchDir(t);
		const initrd = buttonInitrd(t);
		const container = await startMachinedContainer(t, {readOnlyBinds: [repository, guest, dirname(initrd)], binds: [root, secondRoot]});
		t.log(`container ${container.name} booted in ${container.bootSeconds.toFixed(1)} s`);
		t.true(container.bootSeconds < 60, `the container took ${container.bootSeconds} s to boot`);

		const machine = 'e2e-register';
		const uuid = '0123abcd-4567-89ef-0011-223344556677';
		const boot = (directory: string) => [
			process.execPath,
			toolPath('vmspawn-run'),
			...tinyGuestBoot(guest),
			'--tpm=no',
			'--ram=256M',
			'--console=read-only',
			'-D',
			directory,
			'-M',
			machine,
		];
		// The guest sleeps so that the VM is certainly running while machined is asked about it.
		const first = container.service([...boot(root), '--register=yes', `--uuid=${uuid}`, ...guestKernelWords, guestScript('sleep 12')]);

		const shown = await until('machined to list the VM', async () => {
			const result = await container.exec(['machinectl', 'show', machine]);
			return result.exitCode === 0 ? properties(result.stdout) : undefined;
		});
		t.like(shown, {
			Name: machine,
			Id: uuid.replaceAll('-', ''),
			Class: 'vm',
			Service: 'vmspawn-run',
			RootDirectory: root,
			State: 'running',
			Unit: `${machine}.scope`,
		});
		const leader = await container.exec(['readlink', `/proc/${shown['Leader']}/exe`]);
		t.regex(leader.stdout, /\/qemu-system-x86_64\n$/, 'qemu is the leader');
		t.like(
			properties(
				(await container.exec(['systemctl', 'show', `${machine}.scope`, '-p', 'Slice', '-p', 'Description', '-p', 'CollectMode', '-p', 'ActiveState'])).stdout,
			),
			{Slice: 'machine.slice', Description: `Virtual Machine ${machine}`, CollectMode: 'inactive-or-failed', ActiveState: 'active'},
		);
		// systemctl status shows qemu and its helper in the scope; vmspawn-run stays in the service it was started in.
		const status = (await container.exec(['systemctl', 'status', '--no-pager', '--full', `${machine}.scope`])).stdout;
		t.regex(status, /qemu-system-x86_64 /);
		t.regex(status, /virtiofsd /);
		t.notRegex(status, /bin\/vmspawn-run\.js/);
		t.regex((await container.exec(['machinectl', 'list', '--no-legend'])).stdout, new RegExp(`^${machine}\\s+vm\\s+vmspawn-run\\s`, 'm'));

		// The name is taken: systemd refuses a second scope of that name (before machined is asked), and the refused run cleans up.
		const second = await container.service([...boot(secondRoot), '--register=auto', '-q', ...guestKernelWords]);
		t.is(second.exitCode, 17, second.stderr);
		t.deepEqual(toolLines(second.stderr), [
			`vmspawn-run: failed to allocate scope unit ${machine}.scope: Unit ${machine}.scope was already loaded or has a fragment file.`,
		]);
		const alone = await container.service([...boot(secondRoot), '--register=auto', '--keep-unit', '-q', ...guestKernelWords]);
		t.is(alone.exitCode, 17, alone.stderr);
		t.deepEqual(
			toolLines(alone.stderr),
			[`vmspawn-run: failed to register machine: Machine '${machine}' already exists`],
			'without a scope, machined refuses the name',
		);
		// (nspawn itself mentions the directory: it binds it into the container.)
		t.deepEqual(
			processesMentioning(secondRoot).filter(entry => !entry.includes('systemd-nspawn')),
			[],
			'nothing of the refused run is left',
		);
		const runtimeDirs = await container.exec(['ls', '/run/vmspawn']);
		t.is(runtimeDirs.stdout.trim().split('\n').length, 1, `only the first VM's runtime directory: ${runtimeDirs.stdout}`);

		const result = await first;
		t.is(result.exitCode, 0, result.stderr);
		t.is(parseGuestReport(result.stdout).scriptStatus, 0);
		t.is((await container.exec(['machinectl', 'show', machine])).exitCode, 1, 'unregistered when the VM ended');
		t.is((await container.exec(['machinectl', 'list', '--no-legend'])).stdout.trim(), '');
		t.is((await container.exec(['ls', '/run/vmspawn'])).stdout.trim(), '');

		// Stopped by signals instead: SIGTERM twice kills qemu at once, and the VM is still unregistered.
		const third = container.service([...boot(secondRoot), '--register=yes', '-q', ...guestKernelWords], {unit: 'e2e-register-third'});
		await until('machined to list the third VM', async () => ((await container.exec(['machinectl', 'show', machine])).exitCode === 0 ? true : undefined));
		// The unit's main process is vmspawn-run itself, not qemu or a helper.
		const terminate = async () => container.exec(['systemctl', 'kill', '--kill-whom=main', '--signal=SIGTERM', 'e2e-register-third.service']);
		t.is((await terminate()).exitCode, 0);
		await delay(100);
		t.is((await terminate()).exitCode, 0);
		t.is((await third).exitCode, 143);
		t.is((await container.exec(['machinectl', 'show', machine])).exitCode, 1, 'unregistered after the signals');

		// machinectl terminate stops the VM's scope: systemd asks vmspawn-run (its controller), which powers the guest off.
		const marker = join(secondRoot, 'power-button-watched');
		const fourth = container.service(
			[
				...boot(secondRoot),
				`--initrd=${initrd}`,
				'--register=yes',
				'--slice=e2e-vms.slice',
				'--property=TasksMax=200',
				...guestKernelWords,
				guestScript(waitForPowerButton),
			],
			{unit: 'e2e-register-fourth'},
		);
		await until('the guest to watch its power button', async () => (existsSync(marker) ? true : undefined));
		t.like(properties((await container.exec(['systemctl', 'show', `${machine}.scope`, '-p', 'Slice', '-p', 'TasksMax'])).stdout), {
			Slice: 'e2e-vms.slice',
			TasksMax: '200',
		});
		t.is((await container.exec(['machinectl', 'terminate', machine])).exitCode, 0);
		const terminated = await fourth;
		t.is(terminated.exitCode, 0, terminated.stderr);
		t.regex(terminated.stderr, /^Received SIGTERM: asking the guest to power off\. Send SIGTERM again to kill qemu at once\.$/m);
		t.regex(parseGuestReport(terminated.stdout).scriptOutput ?? '', /POWER-BUTTON-PRESSED/);
		t.is((await container.exec(['machinectl', 'show', machine])).exitCode, 1, 'unregistered after terminate');
		await until('the scope to be gone', async () =>
			properties((await container.exec(['systemctl', 'show', `${machine}.scope`, '-p', 'LoadState'])).stdout)['LoadState'] === 'not-found' ? true : undefined,
		);

		await container.stop();
		t.deepEqual(containerLeftovers(container.name), [], 'no nspawn process or mount is left');
		t.deepEqual(processesMentioning(machine), [], 'no qemu or helper is left');
	},
);

(buttonDriver ? test.serial : test.skip)(
	`the shipped vmspawn@NAME.service runs the machine image /var/lib/machines/NAME as a Type=notify service that machined files the VM under, and machinectl terminate powers it off (real systemd and machined)${noButton}`,
	async t => {
		const guest = await guestDir();
		const repository = fileURLToPath(new URL('../..', import.meta.url));
		const machine = 'e2e-template';
		const machines = scratchDir(t);
		const tree = join(machines, machine);
		mkdirSync(tree);
		const initrd = buttonInitrd(t);
		const container = await startMachinedContainer(t, {readOnlyBinds: [repository, guest, dirname(initrd)], binds: [machines]});
		// As `machinectl link` does it: /var/lib/machines/NAME is a symbolic link to the tree.
		t.is((await container.exec(['sh', '-c', 'mkdir -p /var/lib/machines && ln -s "$1" "/var/lib/machines/$2"', 'sh', tree, machine])).exitCode, 0);
		// The unit as shipped. Only the test guest's kernel, initrds and size come from a wrapper named
		// vmspawn-run on systemd's search path; the unit's own arguments pass through it.
		const wrapper = `#!/bin/sh\nexec ${process.execPath} ${toolPath('vmspawn-run')} --linux=${guest}/vmlinuz --initrd=${guest}/initrd.img --initrd=${initrd} --firmware=none --tpm=no --ram=256M "$@" quiet no_timer_check ${guestScript(waitForPowerButton)}\n`;
		t.is(
			(await container.exec(['sh', '-c', 'printf %s "$1" >/usr/local/bin/vmspawn-run && chmod 0755 /usr/local/bin/vmspawn-run', 'sh', wrapper])).exitCode,
			0,
		);
		t.is((await container.exec(['cp', join(repository, 'units', 'vmspawn@.service'), '/etc/systemd/system/'])).exitCode, 0);
		t.is((await container.exec(['systemctl', 'daemon-reload'])).exitCode, 0);

		const unit = `vmspawn@${machine}.service`;
		const started = await container.exec(['systemctl', 'start', unit]);
		const journalOf = async () => (await container.exec(['journalctl', '-u', unit, '--no-pager', '-o', 'cat'])).stdout;
		t.is(started.exitCode, 0, `${started.stderr}${await journalOf()}`);
		t.like(
			properties(
				(await container.exec(['systemctl', 'show', unit, '-p', 'Type', '-p', 'ActiveState', '-p', 'Slice', '-p', 'KillMode', '-p', 'Description'])).stdout,
			),
			{Type: 'notify', ActiveState: 'active', Slice: 'machine.slice', KillMode: 'mixed', Description: `Virtual Machine ${machine} (vmspawn-run)`},
		);
		const shown = properties((await container.exec(['machinectl', 'show', machine])).stdout);
		t.like(shown, {Name: machine, Class: 'vm', Unit: unit, RootDirectory: tree}, 'the linked tree, found through /var/lib/machines');
		t.regex((await container.exec(['readlink', `/proc/${shown['Leader']}/exe`])).stdout, /\/qemu-system-x86_64\n$/);

		await until('the guest to watch its power button', async () => (existsSync(join(tree, 'power-button-watched')) ? true : undefined));
		t.is((await container.exec(['machinectl', 'terminate', machine])).exitCode, 0);
		const ended = await until('the service to stop', async () => {
			const state = properties((await container.exec(['systemctl', 'show', unit, '-p', 'ActiveState', '-p', 'Result', '-p', 'ExecMainStatus'])).stdout);
			return state['ActiveState'] === 'inactive' || state['ActiveState'] === 'failed' ? state : undefined;
		});
		t.like(ended, {ActiveState: 'inactive', Result: 'success', ExecMainStatus: '0'}, 'the guest powered off when asked');
		t.regex(parseGuestReport(await journalOf()).scriptOutput ?? '', /POWER-BUTTON-PRESSED/);
		t.is((await container.exec(['machinectl', 'show', machine])).exitCode, 1, 'unregistered');
		t.is((await container.exec(['ls', '/run/vmspawn'])).stdout.trim(), '');

		await container.stop();
		t.deepEqual(containerLeftovers(container.name), [], 'no nspawn process or mount is left');
		t.deepEqual(processesMentioning(machine), [], 'no qemu or helper is left');
	},
);
