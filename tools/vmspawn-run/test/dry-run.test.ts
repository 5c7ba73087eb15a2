import test from 'ava';
import {runMain} from './helpers.js';

type DryRun = {plan: Record<string, any>; perRun: string[]; argv: string[]; helpers: unknown[]};

test('--dry-run prints the plan, its per-run fields, the qemu argv and the helpers as one JSON object', async t => {
	const {status, stdout} = await runMain(['--dry-run', '--kvm=no', '-D', '.', '-M', 'vm1', '--linux=/boot/vmlinuz', '--cpus=2', '--ram=1.5G', 'quiet', 'x=1']);
	t.is(status, 0);
	t.true(stdout.endsWith('}\n'));
	const output = JSON.parse(stdout) as DryRun;
	t.deepEqual(Object.keys(output), ['plan', 'perRun', 'argv', 'helpers']);
	t.true(output.perRun.includes('runtime.dir'));
	t.true(output.perRun.includes('fs.root.share.socket'));
	t.is(output.plan['machine'].ramMiB, 1536);
	t.is(output.argv[output.argv.indexOf('-smp') + 1], '2');
	t.is(output.argv[output.argv.indexOf('-append') + 1], 'console=hvc0 quiet x=1 root=root rootfstype=virtiofs rw');
	t.deepEqual(
		(output.helpers as Array<{name: string}>).map(helper => helper.name),
		['swtpm', 'virtiofsd-root'],
		'swtpm for the TPM, and the current directory shared as the root',
	);
});

test('options after the first kernel argument belong to the kernel command line', async t => {
	const {stdout} = await runMain(['--dry-run', '--kvm=no', '-D', '.', '-M', 'vm1', '--linux=/k', 'init=/bin/sh', '--ram=1G']);
	const output = JSON.parse(stdout) as DryRun;
	t.is(output.argv[output.argv.indexOf('-append') + 1], 'console=hvc0 init=/bin/sh --ram=1G root=root rootfstype=virtiofs rw');
	t.is(output.plan['machine'].ramMiB, 2048);
});

test('--kvm=auto on a host without usable KVM warns once and plans TCG', async t => {
	const {stdout, stderr} = await runMain(['--dry-run', '-D', '.', '-M', 'vm1', '--linux=/k']);
	const output = JSON.parse(stdout) as DryRun;
	t.regex(stderr, /^vmspawn-run: warning: KVM is not usable \(.+\); falling back to software emulation \(TCG\), which is much slower\n$/);
	t.is(output.argv[output.argv.indexOf('-accel') + 1], 'tcg');
});

test('-q hides the status messages', async t => {
	const {stderr} = await runMain(['--dry-run', '-q', '--kvm=no', '-D', '.', '-M', 'vm1', '--linux=/k']);
	t.is(stderr, '');
});

test("-q still shows warnings, as upstream's does", async t => {
	const {stderr} = await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k']);
	t.regex(stderr, /^vmspawn-run: warning: KVM is not usable \(.+\); falling back to software emulation \(TCG\), which is much slower\n$/);
});

test('--help lists every option', async t => {
	const {status, stdout} = await runMain(['--help']);
	t.is(status, 0);
	for (const option of [
		'--machine=NAME',
		'--uuid=UUID',
		'--cpus=CPUS',
		'--ram=BYTES',
		'--kvm=BOOL',
		'--linux=PATH',
		'--initrd=PATH',
		'--console=MODE',
		'--plan=FILE',
		'--dry-run',
		'--quiet',
		'--no-pager',
		'--help',
		'--version',
	]) {
		t.true(stdout.includes(option), option);
	}
});
