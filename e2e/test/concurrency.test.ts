// VMs started at the same moment by separate vmspawn-run processes must not trip over
// each other: each gets its own runtime directory and sockets, ends with its own
// guest's exit status, and leaves nothing behind. VMSPAWN_CONCURRENCY sets how many
// (4 by default; more for a soak). Two VMs on one --image: see image-lock.test.ts.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {startVm} from '../helpers/background-vm.js';
import {guestScript} from '../helpers/guest-files.js';
import {guestDir} from '../helpers/guest-report.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {toolLines} from '../helpers/tool-lines.js';
import {runTool} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

const count = Number(process.env['VMSPAWN_CONCURRENCY'] ?? 4);
// Each guest says it is up, then waits for the host's word through its virtiofs root so all run at once.
const waitForGo = guestScript('echo CONCURRENT-READY > /dev/hvc0\nwhile [ ! -e /sysroot/go ]; do sleep 0.2; done');

type Status = {name: string; pid: number; runtimeDir: string; qemu?: {pid: number}; sockets: Record<string, string>; vsockCid?: number};

function allDistinct(values: readonly unknown[]): boolean {
	return new Set(values).size === values.length;
}

test(`${count} VMs started at once, named and unnamed on one shared directory, each exit with their own status and leave nothing behind`, async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	// Odd VMs share one directory and take their name from it, so they all get the same machine name.
	const shared = join(scratch, 'e2e-concurrent-shared');
	mkdirSync(shared);
	const vms = Array.from({length: count}, (_, index) => {
		const named = index % 2 === 0;
		const root = named ? join(scratch, `root-${index}`) : shared;
		if (named) {
			mkdirSync(root);
		}

		const name = named ? `e2e-concurrent-${index}` : 'e2e-concurrent-shared';
		const status = 10 + index;
		const vm = startVm([
			...tinyGuestBoot(guest),
			'-D',
			root,
			'--tpm=no',
			'--ram=256M',
			'--console=read-only',
			...(named ? ['-M', name] : []),
			'-q',
			...guestKernelWords,
			`vmspawn.test.exit=${status}`,
			waitForGo,
		]);
		return {vm, name, root, status};
	});
	const names = [...new Set(vms.map(vm => vm.name))];

	await Promise.all(vms.map(async ({vm}) => vm.waitFor('CONCURRENT-READY', 600_000)));
	const listed = await runTool('vmspawn-run', ['--list', '--json']);
	t.is(listed.exitCode, 0, listed.stderr);
	const ours = (JSON.parse(listed.stdout) as Status[]).filter(status => names.includes(status.name));
	t.is(ours.length, count, 'every VM is listed while all run');
	t.true(allDistinct(ours.map(status => status.runtimeDir)), 'each has its own runtime directory');
	t.true(allDistinct(ours.flatMap(status => Object.values(status.sockets))), 'no socket is shared');
	t.true(allDistinct(ours.map(status => status.qemu?.pid)), 'each has its own qemu');
	t.true(allDistinct(ours.flatMap(status => status.vsockCid ?? [])), 'no vsock CID is shared');

	for (const root of new Set(vms.map(vm => vm.root))) {
		writeFileSync(join(root, 'go'), '');
	}

	const results = await Promise.all(vms.map(async ({vm}) => vm.run));
	for (const [index, result] of results.entries()) {
		const {status} = vms[index]!;
		t.is(result.exitCode, status, `VM ${index}: ${result.stderr}`);
		t.deepEqual(toolLines(result.stderr), [`vmspawn-run: the guest reported exit status ${status}`]);
	}

	for (const name of names) {
		t.deepEqual(runtimeDirsOf(name), [], `no runtime directory of ${name} is left`);
		t.deepEqual(processesMentioning(`/run/vmspawn/${name}-`), [], `no process of ${name} is left`);
	}
});
