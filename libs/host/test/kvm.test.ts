import test from 'ava';
import {type HostFs, probeKvm} from '../src/index.js';

function fakeHost(files: Record<string, string>, openError?: string): HostFs {
	return {
		readFile: path => files[path],
		exists: path => path in files,
		tryOpenReadWrite: () => openError,
		isExecutable: () => false,
	};
}

const intelFlags = 'flags\t\t: fpu vme vmx sse2\n';

test('a host with vmx and kvm_intel can run guests', t => {
	t.is(probeKvm('x86_64', fakeHost({'/dev/kvm': '', '/proc/cpuinfo': intelFlags, '/sys/module/kvm_intel': ''})).state, 'available');
});

test('a missing /dev/kvm is unavailable, not an error', t => {
	t.deepEqual(probeKvm('x86_64', fakeHost({})), {state: 'unavailable', reason: '/dev/kvm does not exist'});
});

test('a PVM-flavoured KVM is refused although /dev/kvm opens (imitated host)', t => {
	const probe = probeKvm('x86_64', fakeHost({'/dev/kvm': '', '/proc/cpuinfo': 'flags : fpu hypervisor\n', '/sys/module/kvm_pvm': ''}));
	t.is(probe.state, 'unavailable');
	t.regex(probe.state === 'unavailable' ? probe.reason : '', /PVM/);
});

test('no vmx or svm flag means no usable KVM on x86 (imitated host)', t => {
	const probe = probeKvm('x86_64', fakeHost({'/dev/kvm': '', '/proc/cpuinfo': 'flags : fpu hypervisor\n', '/sys/module/kvm_intel': ''}));
	t.is(probe.state, 'unavailable');
});

test('permission denied on /dev/kvm is unavailable with advice', t => {
	const probe = probeKvm('x86_64', fakeHost({'/dev/kvm': ''}, 'EACCES'));
	t.deepEqual(probe, {state: 'unavailable', reason: '/dev/kvm is not accessible to this user (add it to the kvm group)'});
});

test('an unexpected open error is an error', t => {
	t.is(probeKvm('x86_64', fakeHost({'/dev/kvm': ''}, 'EIO')).state, 'error');
});
