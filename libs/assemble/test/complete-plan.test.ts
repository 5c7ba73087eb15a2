import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {validatePlan} from '@vmspawn/plan';
import {type RunOptions, buildInvocation, completePlan} from '../src/index.js';

const options: RunOptions = {initrds: [], extraArgs: [], arch: 'x86_64', kvm: 'no', given: new Set(), machineName: 'vm1', linux: '/boot/vmlinuz'};

test('missing sections are filled from the options with upstream defaults', t => {
	const {plan} = completePlan({version: '1.0'}, options);
	t.is(plan.machine.name, 'vm1');
	t.is(plan.machine.cpus, '1');
	t.is(plan.machine.ramMiB, 2048);
	t.is(plan.console.mode, 'interactive');
	t.regex(plan.runtime.dir, /\/vm1-[0-9a-f]{8}$/);
	t.deepEqual(plan.boot, {kernel: '/boot/vmlinuz', initrds: [], extraArgs: []});
});

test('sections that came in a plan are kept as they are', t => {
	const incoming = validatePlan({version: '1.0', console: {mode: 'headless'}, runtime: {dir: '/run/x'}, custom: 1});
	const {plan} = completePlan(incoming, options);
	t.is<unknown, unknown>(plan.console, incoming.console);
	t.is<unknown, unknown>(plan.runtime, incoming.runtime);
	t.is(plan['custom'], 1);
});

test('an option for a section that came in the plan is a conflict', t => {
	const incoming = validatePlan({version: '1.0', console: {mode: 'headless'}});
	t.throws(() => completePlan(incoming, {...options, console: 'native', given: new Set(['console'])}), {
		instanceOf: UsageError,
		message: '--console conflicts with the console section of the incoming plan; leave the option out or edit the plan',
	});
});

test('extra kernel arguments are added to an incoming boot section', t => {
	const incoming = validatePlan({version: '1.0', boot: {kernel: '/k', extraArgs: ['a']}});
	t.deepEqual(completePlan(incoming, {...options, extraArgs: ['b']}).plan.boot.extraArgs, ['a', 'b']);
});

test('several initrds are merged into the runtime directory before qemu starts', t => {
	const {plan} = completePlan({version: '1.0'}, {...options, initrds: ['/a', '/b']});
	const invocation = buildInvocation(plan);
	t.true(invocation.argv.includes(`${plan.runtime.dir}/initrd.img`));
	t.is(invocation.prepare.length, 1);
});

test('qemu missing from $PATH is a clear error', t => {
	const {plan} = completePlan({version: '1.0'}, options);
	t.throws(() => buildInvocation(plan, {PATH: '/nonexistent'}), {message: /cannot find qemu-system-x86_64 on \$PATH \(Debian: apt-get install qemu-system-x86\)/});
});

test('$SYSTEMD_VMSPAWN_QEMU_EXTRA is split like a shell and appended last', t => {
	const {plan} = completePlan({version: '1.0'}, options);
	const {argv} = buildInvocation(plan, {...process.env, SYSTEMD_VMSPAWN_QEMU_EXTRA: `-device 'virtio-gpu-pci' -name "my vm"`});
	t.deepEqual(argv.slice(-4), ['-device', 'virtio-gpu-pci', '-name', 'my vm']);
});
