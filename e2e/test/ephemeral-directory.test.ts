import {execFileSync} from 'node:child_process';
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {startVm} from '../helpers/background-vm.js';
import {guestScript} from '../helpers/guest-files.js';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {waitUntilEmpty} from '../helpers/processes.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';
import {guestKernelWords, tinyGuestBoot} from '../helpers/direct-boot.js';

const guest = await guestDir();
const direct = [...tinyGuestBoot(guest), '--ram=256M', '--console=read-only', '--tpm=no'];

/** A small root tree and a listing of it (paths, modes, sizes, contents' digests) to compare after the run. */
function makeTree(scratch: string): {tree: string; listing: () => string} {
	const tree = join(scratch, 'tree');
	mkdirSync(join(tree, 'etc'), {recursive: true});
	writeFileSync(join(tree, 'etc', 'hostname'), 'original\n');
	writeFileSync(join(tree, 'keep-me'), 'precious\n');
	const listing = () =>
		execFileSync('sh', ['-c', 'find . -printf "%p %m %s\\n" | sort && find . -type f -exec md5sum {} + | sort'], {cwd: tree, encoding: 'utf8'});
	return {tree, listing};
}

const copiesBeside = (scratch: string) => readdirSync(scratch).filter(entry => entry.startsWith('.#vmspawn.'));

test('-x with a directory root: the guest works on a copy; the directory is untouched and the copy gone at exit', async t => {
	const scratch = scratchDir(t);
	const {tree, listing} = makeTree(scratch);
	const before = listing();
	const machine = 'e2e-ephemeral-dir';
	const result = await runTool('vmspawn-run', [
		...direct,
		'-x',
		'-D',
		tree,
		'-M',
		machine,
		...guestKernelWords,
		guestScript(
			[
				'echo changed > /sysroot/etc/hostname',
				'rm /sysroot/keep-me',
				'mkdir /sysroot/new-dir && echo new > /sysroot/new-dir/file',
				'cat /sysroot/etc/hostname',
			].join('\n'),
		),
	]);
	t.is(result.exitCode, 0, result.stderr);
	t.regex(parseGuestReport(result.stdout).scriptOutput ?? '', /^changed$/m, 'the guest could change its root');
	t.regex(
		result.stderr,
		/^--ephemeral: copying .*\/tree to .*\/\.#vmspawn\.tree\.[\da-f]{16}; .*The copy is removed at exit\.$/m,
		'the cost of a full copy is said',
	);
	t.is(listing(), before, 'the directory is as it was');
	t.deepEqual(copiesBeside(scratch), [], 'the copy is removed');
	t.deepEqual(runtimeDirsOf(machine), []);
	t.deepEqual(processesMentioning(scratch), [], 'no virtiofsd is left');
});

test("the copy of a run killed with SIGKILL is removed by the next start's stale sweep; the directory stays untouched", async t => {
	const scratch = scratchDir(t);
	const {tree, listing} = makeTree(scratch);
	const before = listing();
	const machine = 'e2e-ephemeral-kill';
	const vm = startVm([
		...direct,
		'-x',
		'-D',
		tree,
		'-M',
		machine,
		'-q',
		...guestKernelWords,
		guestScript('echo changed > /sysroot/etc/hostname\necho GUEST-RUNNING > /dev/hvc0\nsleep 300'),
	]);
	await vm.waitFor('GUEST-RUNNING');
	t.is(copiesBeside(scratch).length, 1, 'the copy is beside the directory while the guest runs');
	vm.run.kill('SIGKILL');
	await vm.run;
	t.deepEqual(await waitUntilEmpty(() => processesMentioning(`/run/vmspawn/${machine}-`), 5000), [], 'qemu and the helpers died with vmspawn-run');

	// Any next start sweeps what the killed run left.
	const other = join(scratch, 'other');
	mkdirSync(other);
	const next = await runTool('vmspawn-run', [...direct, '-D', other, '-M', `${machine}-next`, '-q', ...guestKernelWords]);
	t.is(next.exitCode, 0, next.stderr);
	t.deepEqual(copiesBeside(scratch), [], 'the stale copy is gone');
	t.deepEqual(runtimeDirsOf(machine), []);
	t.is(listing(), before, 'the directory is as it was');
});

test('stopped by signals (SIGTERM twice: qemu is killed at once), the run still removes the copy', async t => {
	const scratch = scratchDir(t);
	const {tree, listing} = makeTree(scratch);
	const before = listing();
	const machine = 'e2e-ephemeral-term';
	const vm = startVm([
		...direct,
		'-x',
		'-D',
		tree,
		'-M',
		machine,
		...guestKernelWords,
		guestScript('echo changed > /sysroot/etc/hostname\necho GUEST-RUNNING > /dev/hvc0\nsleep 300'),
	]);
	let stderr = '';
	vm.run.stderr.on('data', (chunk: Uint8Array) => {
		stderr += Buffer.from(chunk).toString('utf8');
	});
	await vm.waitFor('GUEST-RUNNING');
	t.is(copiesBeside(scratch).length, 1);
	process.kill(vm.run.pid!, 'SIGTERM');
	// The second only once the first was seen: two pending SIGTERMs are one.
	for (const deadline = Date.now() + 60_000; !stderr.includes('Received SIGTERM') && Date.now() < deadline; ) {
		await delay(50);
	}

	process.kill(vm.run.pid!, 'SIGTERM');
	const result = await vm.run;
	t.not(result.exitCode, 0);
	t.deepEqual(copiesBeside(scratch), [], 'the copy is removed');
	t.deepEqual(runtimeDirsOf(machine), []);
	t.is(listing(), before, 'the directory is as it was');
});
