import test from 'ava';
import {buildQemuArgv, escapeValue, guestConsoleDevice, keyValues} from '../src/index.js';

const machine = {name: 'vm', arch: 'x86_64' as const, type: 'q35', cpus: '2', ramMiB: 1536, accelerator: 'tcg' as const};

function argvOf(input: Partial<Parameters<typeof buildQemuArgv>[0]> = {}): string[] {
	return buildQemuArgv({binary: '/usr/bin/qemu-system-x86_64', machine, console: {mode: 'read-only'}, kernelCommandLine: [], ...input}).argv;
}

function valueAfter(argv: string[], flag: string): string[] {
	return argv.flatMap((item, index) => (item === flag ? [argv[index + 1]!] : []));
}

test('commas in option values are doubled', t => {
	t.is(escapeValue('/a,b/c'), '/a,,b/c');
	t.is(
		keyValues([
			['file', '/x,y'],
			['readonly', true],
			['skip', undefined],
		]),
		'file=/x,,y,readonly=on',
	);
});

test('machine, cpus, memory and the rng device as upstream', t => {
	const argv = argvOf();
	t.is(argv[0], '/usr/bin/qemu-system-x86_64');
	t.deepEqual(valueAfter(argv, '-machine'), ['type=q35,smm=off']);
	t.deepEqual(valueAfter(argv, '-smp'), ['2']);
	t.deepEqual(valueAfter(argv, '-m'), ['1536M']);
	t.true(valueAfter(argv, '-device').includes('virtio-rng-pci,rng=rng0,id=rng-device0'));
	t.deepEqual(valueAfter(argv, '-nic'), ['none']);
});

test('smm and the shared memory backend follow the firmware and virtiofs', t => {
	const firmware = {
		descriptor: '/f.json',
		description: 'x',
		device: 'flash' as const,
		code: {path: '/code.fd', format: 'raw' as const},
		secureBoot: true,
		requiresSmm: true,
		features: [],
	};
	const share = {socket: '/run/x/root.sock', helper: {name: 'virtiofsd', argv: ['virtiofsd']}};
	const argv = argvOf({firmware, fs: {root: {kind: 'directory', path: '/srv/root', tag: 'root', share}, shares: [], extraDrives: [], kernelArgs: []}});
	t.deepEqual(valueAfter(argv, '-machine'), ['type=q35,smm=on,memory-backend=mem']);
	t.true(valueAfter(argv, '-object').includes('memory-backend-memfd,id=mem,size=1536M,share=on'));
});

test("x86-64 gets upstream's Hyper-V enlightenments under KVM and TCG alike; other architectures a plain max CPU", t => {
	t.deepEqual(valueAfter(argvOf(), '-accel'), ['tcg']);
	t.deepEqual(valueAfter(argvOf(), '-cpu'), ['max,hv_relaxed,hv-vapic,hv-time']);
	t.deepEqual(valueAfter(argvOf({machine: {...machine, accelerator: 'kvm'}}), '-cpu'), ['max,hv_relaxed,hv-vapic,hv-time']);
	for (const arch of ['i386', 'aarch64', 'riscv64'] as const) {
		t.deepEqual(valueAfter(argvOf({binary: `/usr/bin/qemu-system-${arch}`, machine: {...machine, arch, type: 'virt'}}), '-cpu'), ['max'], arch);
	}
});

test('memory hotplug: -m with the size, maxmem and slots; without a maximum just the size', t => {
	t.deepEqual(valueAfter(argvOf({machine: {...machine, ramMiB: 256, ramMaxMiB: 1024, ramSlots: 4}}), '-m'), ['size=256M,maxmem=1024M,slots=4']);
	t.deepEqual(valueAfter(argvOf({machine: {...machine, ramMiB: 256, ramMaxMiB: 1024}}), '-m'), ['size=256M,maxmem=1024M,slots=1']);
	t.deepEqual(valueAfter(argvOf({machine: {...machine, ramMiB: 256}}), '-m'), ['256M']);
});

test("the VM generation ID is a vmgenid device on x86 only, right after the machine's identity", t => {
	const guid = '8ee17cbd-5b0a-4319-908d-38dc47ff1f69';
	const argv = argvOf({vmgenid: guid, machine: {...machine, uuid: '01234567-89ab-cdef-0123-456789abcdef'}});
	t.deepEqual(argv.slice(argv.indexOf('-uuid'), argv.indexOf('-uuid') + 4), [
		'-uuid',
		'01234567-89ab-cdef-0123-456789abcdef',
		'-device',
		`vmgenid,guid=${guid}`,
	]);
	t.false(
		argvOf().some(word => word.startsWith('vmgenid')),
		'none without an ID',
	);
	t.false(
		argvOf({vmgenid: guid, machine: {...machine, arch: 'aarch64', type: 'virt'}}).some(word => word.startsWith('vmgenid')),
		'none on arm64',
	);
});

test('a uuid is passed when set', t => {
	t.deepEqual(valueAfter(argvOf({machine: {...machine, uuid: '01234567-89ab-cdef-0123-456789abcdef'}}), '-uuid'), ['01234567-89ab-cdef-0123-456789abcdef']);
	t.false(argvOf().includes('-uuid'));
});

test('a direct boot gets -kernel, -initrd and -append with the command line', t => {
	const argv = argvOf({kernel: '/k,1', initrd: '/i', kernelCommandLine: ['console=hvc0', 'a=b,c']});
	t.deepEqual(valueAfter(argv, '-kernel'), ['/k,1']);
	t.deepEqual(valueAfter(argv, '-initrd'), ['/i']);
	t.deepEqual(valueAfter(argv, '-append'), ['console=hvc0 a=b,c']);
	t.false(argv.includes('-smbios'));
});

test('a firmware boot passes the command line as SMBIOS strings for systemd-stub and systemd-boot', t => {
	const argv = argvOf({kernelCommandLine: ['console=hvc0', 'x=1,2']});
	t.deepEqual(valueAfter(argv, '-smbios'), [
		'type=11,value=io.systemd.stub.kernel-cmdline-extra=console=hvc0 x=1,,2',
		'type=11,value=io.systemd.boot.kernel-cmdline-extra=console=hvc0 x=1,,2',
	]);
	t.false(argv.includes('-append'));
});

test('an architecture without SMBIOS warns instead of dropping the command line silently', t => {
	const result = buildQemuArgv({binary: 'qemu', machine: {...machine, arch: 'riscv64', type: 'virt'}, console: {mode: 'read-only'}, kernelCommandLine: ['x']});
	t.false(result.argv.includes('-smbios'));
	t.regex(result.warnings[0] ?? '', /riscv64 has no SMBIOS/);
});

for (const [mode, expected] of [
	[
		'read-only',
		[
			'-nographic',
			'-nodefaults',
			'-device',
			'virtio-serial-pci,id=vmspawn-virtio-serial-pci',
			'-chardev',
			'stdio,id=console,signal=off',
			'-device',
			'virtconsole,chardev=console',
		],
	],
	[
		'native',
		[
			'-nographic',
			'-nodefaults',
			'-chardev',
			'stdio,mux=on,id=console,signal=off',
			'-device',
			'virtio-serial-pci,id=vmspawn-virtio-serial-pci',
			'-device',
			'virtconsole,chardev=console',
			'-mon',
			'console',
		],
	],
	['gui', ['-vga', 'virtio']],
	['headless', ['-nographic', '-nodefaults']],
] as const) {
	test(`console mode ${mode}`, t => {
		const argv = argvOf({console: {mode}});
		const start = argv.indexOf(expected[0]);
		t.deepEqual(argv.slice(start, start + expected.length), [...expected]);
	});
}

for (const [mode, expected] of [
	['read-only', ['-nographic', '-nodefaults', '-chardev', 'stdio,id=console,signal=off', '-serial', 'chardev:console']],
	['native', ['-nographic', '-nodefaults', '-chardev', 'stdio,mux=on,id=console,signal=off', '-serial', 'chardev:console', '-mon', 'console']],
] as const) {
	test(`console mode ${mode} over the serial transport: the platform serial port, no virtio console`, t => {
		const argv = argvOf({console: {mode, transport: 'serial'}});
		const start = argv.indexOf(expected[0]);
		t.deepEqual(argv.slice(start, start + expected.length), [...expected]);
		t.false(argv.some(word => word.startsWith('virtconsole') || word.startsWith('virtio-serial-pci,id=vmspawn-virtio-serial-pci')));
	});
}

test('the guest console device: hvc0; with the serial transport ttyS0, ttyAMA0 on arm; none for gui and headless', t => {
	t.is(guestConsoleDevice({mode: 'interactive'}, 'x86_64'), 'hvc0');
	t.is(guestConsoleDevice({mode: 'read-only', transport: 'virtio'}, 'aarch64'), 'hvc0');
	t.is(guestConsoleDevice({mode: 'native', transport: 'serial'}, 'x86_64'), 'ttyS0');
	t.is(guestConsoleDevice({mode: 'interactive', transport: 'serial'}, 'aarch64'), 'ttyAMA0');
	t.is(guestConsoleDevice({mode: 'interactive', transport: 'serial'}, 'riscv64'), 'ttyS0');
	for (const mode of ['gui', 'headless'] as const) {
		t.is(guestConsoleDevice({mode, transport: 'serial'}, 'x86_64'), undefined);
		t.deepEqual(
			argvOf({console: {mode, transport: 'serial'}}).filter(word => word === '-serial'),
			[],
			'gui and headless ignore the transport, as upstream',
		);
	}
});

test('gui: a firmware boot gets the kernel command line as SMBIOS strings like the other modes, without console=', t => {
	const argv = argvOf({console: {mode: 'gui'}, kernelCommandLine: ['quiet', 'x=1']});
	t.deepEqual(valueAfter(argv, '-smbios'), [
		'type=11,value=io.systemd.stub.kernel-cmdline-extra=quiet x=1',
		'type=11,value=io.systemd.boot.kernel-cmdline-extra=quiet x=1',
	]);
	t.false(argv.includes('-nographic'));
});

test('firmware and vsock devices take their place in the argv', t => {
	const firmware = {
		descriptor: '/f.json',
		description: 'x',
		device: 'flash' as const,
		code: {path: '/code.fd', format: 'raw' as const},
		secureBoot: false,
		requiresSmm: false,
		features: [],
	};
	const argv = argvOf({firmware, vsock: {cid: 1234, fd: 3}});
	t.true(valueAfter(argv, '-drive').includes('if=pflash,format=raw,readonly=on,file=/code.fd'));
	t.true(valueAfter(argv, '-device').includes('vhost-vsock-pci,guest-cid=1234,vhostfd=3'));
	t.deepEqual(valueAfter(argv, '-machine'), ['type=q35,smm=off']);
});
