import {existsSync} from 'node:fs';
import test from 'ava';
import {runMain} from './helpers.js';

const debianOvmf = existsSync('/usr/share/qemu/firmware/50-edk2-x86_64-secure.json');
const onDebianOvmf = debianOvmf ? test : test.skip;

type DryRun = {plan: Record<string, any>; argv: string[]};

onDebianOvmf('by default the first matching descriptor is used, with SMM and a per-run variable store (Debian OVMF)', async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-M', 'vm1', '--linux=/k']);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['firmware'].descriptor, '/usr/share/qemu/firmware/50-edk2-x86_64-secure.json');
	t.is(argv[argv.indexOf('-machine') + 1], 'type=q35,smm=on,memory-backend=mem');
	t.true(argv.includes('if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd'));
	t.true(argv.includes(`file=${plan['runtime'].dir}/efi-vars.fd,if=pflash,format=raw`));
});

onDebianOvmf('--secure-boot=no picks firmware without Secure Boot and no SMM (Debian OVMF)', async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-M', 'vm1', '--linux=/k', '--secure-boot=no']);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['firmware'].code.path, '/usr/share/OVMF/OVMF_CODE_4M.fd');
	t.is(argv[argv.indexOf('-machine') + 1], 'type=q35,smm=off,memory-backend=mem');
});

test('--firmware=none boots the kernel with qemu\'s built-in BIOS', async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-M', 'vm1', '--linux=/k', '--firmware=none']);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['firmware'], null);
	t.false(argv.some(argument => argument.includes('pflash')));
});

onDebianOvmf('--firmware=list prints the descriptors in effect, one path per line', async t => {
	const {status, stdout} = await runMain(['--firmware=list']);
	t.is(status, 0);
	t.true(stdout.split('\n').includes('/usr/share/qemu/firmware/60-edk2-x86_64.json'));
	t.true(stdout.endsWith('\n'));
});

test('vsock is off on a host without /dev/vhost-vsock, and the plan says why', async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-M', 'vm1', '--linux=/k', '--firmware=none']);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	if (existsSync('/dev/vhost-vsock')) {
		t.true(plan['vsock'].enabled);
		return;
	}

	t.false(plan['vsock'].enabled);
	t.regex(plan['vsock'].reason, /\/dev\/vhost-vsock/);
	t.false(argv.some(argument => argument.startsWith('vhost-vsock-pci')));
});
