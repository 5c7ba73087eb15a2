import test from 'ava';
import {tpmArgs} from '../src/index.js';

test('x86-64 gets the emulator backend on the swtpm socket and a tpm-tis device', t => {
	t.deepEqual(tpmArgs('/run/vmspawn/vm-1/tpm.sock', 'x86_64'), [
		'-chardev',
		'socket,id=chrtpm,path=/run/vmspawn/vm-1/tpm.sock',
		'-tpmdev',
		'emulator,id=tpm0,chardev=chrtpm',
		'-device',
		'tpm-tis,tpmdev=tpm0',
	]);
});

test('arm64 gets the memory-mapped tpm-tis-device', t => {
	t.deepEqual(tpmArgs('/run/vmspawn/vm-1/tpm.sock', 'aarch64').slice(-2), ['-device', 'tpm-tis-device,tpmdev=tpm0']);
});

test('commas in the socket path are doubled', t => {
	t.is(tpmArgs('/tmp/a,b/tpm.sock', 'x86_64')[1], 'socket,id=chrtpm,path=/tmp/a,,b/tpm.sock');
});

test('an architecture without a TPM device gets no TPM arguments', t => {
	t.deepEqual(tpmArgs('/run/tpm.sock', 'riscv64'), []);
	t.deepEqual(tpmArgs('/run/tpm.sock', 'i386'), []);
	t.deepEqual(tpmArgs('/run/tpm.sock', 'unknown'), []);
});
