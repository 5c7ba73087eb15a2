import test from 'ava';
import {buildQemuArgv, smbios11Args} from '../src/index.js';

test('each --smbios11 string is one -smbios type=11,value=, in order, with commas doubled', t => {
	t.deepEqual(smbios11Args('x86_64', ['io.systemd.credential:a=b', 'x,y=z', 'übung\nzwei']).args, [
		'-smbios',
		'type=11,value=io.systemd.credential:a=b',
		'-smbios',
		'type=11,value=x,,y=z',
		'-smbios',
		'type=11,value=übung\nzwei',
	]);
	t.deepEqual(smbios11Args('aarch64', ['a']).args, ['-smbios', 'type=11,value=a']);
});

test('none: no arguments and no warning', t => {
	t.deepEqual(smbios11Args('riscv64', []), {args: []});
});

test('an architecture without SMBIOS ignores the strings with one warning, as upstream', t => {
	for (const arch of ['riscv64', 's390x', 'ppc64', 'loongarch64']) {
		const {args, warning} = smbios11Args(arch, ['a=b']);
		t.deepEqual(args, []);
		t.is(warning, `cannot pass SMBIOS type 11 strings: ${arch} has no SMBIOS; ignoring them`);
	}
});

test('the strings follow the credentials and come before $SYSTEMD_VMSPAWN_QEMU_EXTRA', t => {
	const machine = {name: 'vm', arch: 'x86_64' as const, type: 'q35', cpus: '1', ramMiB: 256, accelerator: 'tcg' as const};
	const {argv} = buildQemuArgv({
		binary: 'qemu-system-x86_64',
		machine,
		console: {mode: 'read-only'},
		kernelCommandLine: [],
		credentials: [{id: 'c', file: '/run/c/c', delivery: 'smbios'}],
		smbios11: ['s=1'],
		extraArgs: ['-S'],
	});
	t.deepEqual(argv.slice(-5), ['-smbios', 'type=11,path=/run/c/c', '-smbios', 'type=11,value=s=1', '-S']);
});
