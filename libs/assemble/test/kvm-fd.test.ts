import {closeSync, fstatSync, openSync} from 'node:fs';
import test from 'ava';
import {type CompletePlan, type RunOptions, buildInvocation, completePlan} from '../src/index.js';
import {imitatedVsockDevice, fakeHost} from '@vmspawn/testing';
import {directBootOptions} from './helpers/options.js';

const options: RunOptions = {
	...directBootOptions,
	ssh: {pass: false, explicit: true, keyType: 'ed25519'},
};

// This host's KVM cannot run guests, so the plan is made for TCG and then said to use KVM.
async function kvmPlan(vsock: NonNullable<RunOptions['vsock']>): Promise<CompletePlan> {
	const {plan} = await completePlan({version: '1.0'}, {...options, vsock}, {env: process.env, host: fakeHost({vsockDevice: imitatedVsockDevice()})});
	return {...plan, machine: {...plan.machine, accelerator: 'kvm'}};
}

// qemu 10's answer when asked to take a kvm device fd: no complaint about the property (the fake's default is 7.2's).
const qemuWithKvmDevice = {
	'/usr/bin/qemu-system-x86_64 -accel kvm,device=/dev/null -machine none -display none -S -nodefaults': {
		code: 1,
		stderr: 'qemu-system-x86_64: -accel kvm,device=/dev/null: Could not access KVM kernel module: No such device\n',
	},
};

function isOpen(fd: number): boolean {
	try {
		fstatSync(fd);
		return true;
	} catch {
		return false;
	}
}

test('a passed /dev/kvm fd goes to qemu as fd set 1, after the vhost-vsock fd (imitated vhost-vsock device, stand-in fd)', async t => {
	const fd = openSync('/dev/null', 'r');
	t.teardown(() => isOpen(fd) && closeSync(fd));
	const invocation = await buildInvocation(await kvmPlan({mode: 'yes'}), {
		env: process.env,
		claim: false,
		kvmFd: fd,
		host: fakeHost({answers: qemuWithKvmDevice}),
	});
	const {argv} = invocation;
	t.is(argv[argv.indexOf('-add-fd') + 1], 'fd=4,set=1,opaque=/dev/kvm');
	t.is(argv[argv.indexOf('-accel') + 1], 'kvm,device=/dev/fdset/1');
	t.true(argv.some(word => word.startsWith('vhost-vsock-pci,') && word.includes('vhostfd=3')));
	t.deepEqual(invocation.warnings, []);
});

test("without vsock the passed /dev/kvm fd is qemu's fd 3 (stand-in fd)", async t => {
	const fd = openSync('/dev/null', 'r');
	t.teardown(() => isOpen(fd) && closeSync(fd));
	const {argv} = await buildInvocation(await kvmPlan({mode: 'no'}), {env: process.env, claim: false, kvmFd: fd, host: fakeHost({answers: qemuWithKvmDevice})});
	t.is(argv[argv.indexOf('-add-fd') + 1], 'fd=3,set=1,opaque=/dev/kvm');
});

test('a qemu that cannot take a /dev/kvm fd gets none: the fd is closed with a warning and qemu opens /dev/kvm itself (stand-in fd)', async t => {
	const fd = openSync('/dev/null', 'r');
	t.teardown(() => isOpen(fd) && closeSync(fd));
	const invocation = await buildInvocation(await kvmPlan({mode: 'no'}), {env: process.env, claim: false, kvmFd: fd, host: fakeHost()});
	t.false(invocation.argv.includes('-add-fd'));
	t.is(invocation.argv[invocation.argv.indexOf('-accel') + 1], 'kvm');
	t.regex(invocation.warnings.join('\n'), /cannot be handed an open \/dev\/kvm .*closing the passed fd, qemu opens \/dev\/kvm itself/);
	t.false(isOpen(fd));
	t.deepEqual(invocation.passFds, []);
});
