import {readFileSync, statSync} from 'node:fs';
import {basename} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {execa} from 'execa';
import type {VmStatus} from '@vmspawn/plan';
import {guestDir} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool, toolPath} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

async function listed(machine: string): Promise<VmStatus | undefined> {
	const result = await runTool('vmspawn-run', ['--list', '--json']);
	if (result.exitCode !== 0) {
		throw new Error(`vmspawn-run --list --json failed: ${result.stderr}`);
	}

	return (JSON.parse(result.stdout) as VmStatus[]).find(vm => vm.name === machine);
}

function commandLine(pid: number): string {
	return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
}

test('vmspawn-run --list shows a running VM with live qemu and helper pids, and forgets it once it has exited', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const machine = 'e2e-list';
	// The guest sleeps before its report so it is still running while the list is read.
	const run = execa(
		'node',
		[
			toolPath('vmspawn-run'),
			...tinyGuestBoot(guest),
			'-D',
			scratch,
			'--tpm=no',
			'--ram=256M',
			'--console=read-only',
			'-M',
			machine,
			'-q',
			...guestKernelWords,
			guestScript('sleep 5'),
		],
		{reject: false, stdin: 'ignore'},
	);

	let entry: VmStatus | undefined;
	for (let attempt = 0; attempt < 60 && run.exitCode === null && entry?.state !== 'running'; attempt++) {
		entry = await listed(machine);
		if (entry?.state !== 'running') {
			await delay(250);
		}
	}

	t.is(entry?.state, 'running', 'the VM was listed as running while it ran');
	if (entry?.state === 'running') {
		t.is<number | undefined, number | undefined>(entry.pid, run.pid);
		t.like(entry, {console: 'read-only', root: {kind: 'directory', path: scratch}});
		t.deepEqual(runtimeDirsOf(machine), [basename(entry.runtimeDir)]);
		t.regex(commandLine(entry.qemu!.pid), /qemu-system-\S+ /, 'the qemu pid is a live qemu');
		t.true(commandLine(entry.qemu!.pid).includes(entry.sockets['qmp']!), "and it is this VM's qemu");
		t.true(statSync(entry.sockets['qmp']!).isSocket());
		const virtiofsd = entry.helpers.find(helper => helper.name === 'virtiofsd-root');
		t.truthy(virtiofsd, "the root directory's virtiofsd is listed");
		t.regex(commandLine(virtiofsd!.pid), /virtiofsd/);
		const table = await runTool('vmspawn-run', ['--list']);
		t.regex(table.stdout, new RegExp(`^${machine} +running +${entry.pid} `, 'm'));
	}

	const result = await run;
	t.is(result.exitCode, 0, String(result.stderr));
	t.is(await listed(machine), undefined, 'the VM is no longer listed after it exited');
	t.deepEqual(runtimeDirsOf(machine), []);
	t.deepEqual(processesMentioning(machine), []);
});
