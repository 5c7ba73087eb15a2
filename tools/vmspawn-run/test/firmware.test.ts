import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {parseDescriptor} from '@vmspawn/firmware';
import {hostQemuArch} from '@vmspawn/qemu';
import {runSourceCli, scratchDir} from '@vmspawn/testing';
import {runMain} from './helpers.js';

const debianOvmf = existsSync('/usr/share/qemu/firmware/50-edk2-x86_64-secure.json');
// These read this machine's own descriptors (the ovmf package), not the fake host's copy.
const onDebianOvmf = (title: string, body: (t: ExecutionContext) => Promise<void>) =>
	debianOvmf ? test(title, body) : test.skip(`${title} — skipped: no Debian OVMF descriptors in /usr/share/qemu/firmware (apt-get install ovmf)`, body);

type DryRun = {plan: Record<string, any>; argv: string[]};

onDebianOvmf('by default the first matching descriptor is used, with SMM and the variable store beside the root (Debian OVMF)', async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k'], process.env);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['firmware'].descriptor, '/usr/share/qemu/firmware/50-edk2-x86_64-secure.json');
	t.is(argv[argv.indexOf('-machine') + 1], 'type=q35,smm=on,memory-backend=mem');
	t.true(argv.includes('if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd'));
	// The default store is beside the root, here the working directory (--efi-nvram-state=auto, as upstream).
	t.true(argv.includes(`file=${process.cwd()}.efinvramstate,if=pflash,format=raw`));
	const off = JSON.parse((await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', '--efi-nvram-state=off'], process.env)).stdout) as DryRun;
	t.true(off.argv.includes(`file=${off.plan['runtime'].dir}/efi-vars.fd,if=pflash,format=raw`));
});

onDebianOvmf('--secure-boot=no picks firmware without Secure Boot and no SMM (Debian OVMF)', async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', '--secure-boot=no'], process.env);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['firmware'].code.path, '/usr/share/OVMF/OVMF_CODE_4M.fd');
	t.is(argv[argv.indexOf('-machine') + 1], 'type=q35,smm=off,memory-backend=mem');
});

test("--firmware=none boots the kernel with qemu's built-in BIOS", async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', '--firmware=none']);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['firmware'], null);
	t.false(argv.some(argument => argument.includes('pflash')));
});

onDebianOvmf('--firmware=list prints the descriptors in effect, one path per line (Debian OVMF)', async t => {
	const {status, stdout} = await runMain(['--firmware=list'], process.env);
	t.is(status, 0);
	t.true(stdout.split('\n').includes('/usr/share/qemu/firmware/60-edk2-x86_64.json'));
	t.true(stdout.endsWith('\n'));
});

test('vsock is off on a host without /dev/vhost-vsock, and the plan says why', async t => {
	const {stdout} = await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', '--firmware=none']);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	if (existsSync('/dev/vhost-vsock')) {
		t.true(plan['vsock'].enabled);
		return;
	}

	t.false(plan['vsock'].enabled);
	t.regex(plan['vsock'].reason, /\/dev\/vhost-vsock/);
	t.false(argv.some(argument => argument.startsWith('vhost-vsock-pci')));
});

const fixtureDescriptors = fileURLToPath(new URL('../../../libs/firmware/test/fixtures/select', import.meta.url));
const cli = fileURLToPath(new URL('fixtures/fake-host-cli.ts', import.meta.url));
const onX86 = hostQemuArch() === 'x86_64';
const fixtureEnv = {...process.env, VMSPAWN_FIRMWARE_DIRS: fixtureDescriptors};

test('--firmware=describe needs no image, kernel or directory and prints a QEMU firmware descriptor', async t => {
	const {status, stdout, stderr} = await runMain(['--firmware=describe', '--firmware-features=secure-boot'], fixtureEnv);
	t.is(status, 0, stderr);
	const parsed = parseDescriptor(JSON.parse(stdout));
	t.true('descriptor' in parsed);
	t.is((JSON.parse(stdout) as {mapping: {'nvram-template': {filename: string}}}).mapping['nvram-template'].filename, '/fixtures/ovmf/VARS.fd');
});

test('--firmware=describe describes the firmware a boot with the same options would use', async t => {
	for (const options of [[], ['--secure-boot=no'], ['--firmware-features=secure-boot']]) {
		const described = JSON.parse((await runMain(['--firmware=describe', ...options], fixtureEnv)).stdout) as {
			mapping: {executable: {filename: string}; 'nvram-template'?: {filename: string}};
		};
		const {plan} = JSON.parse((await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', ...options], fixtureEnv)).stdout) as DryRun;
		t.is(plan['firmware'].code.path, described.mapping.executable.filename, options.join(' '));
		t.is(plan['firmware'].varsTemplate?.path, described.mapping['nvram-template']?.filename, options.join(' '));
	}
});

onDebianOvmf('--firmware=describe as mkosi runs it names the template of the Secure Boot variables (Debian OVMF)', async t => {
	const {stdout} = await runMain(['--firmware=describe', '--firmware-features', 'secure-boot'], process.env);
	const {plan} = JSON.parse(
		(await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', '--firmware-features=secure-boot'], process.env)).stdout,
	) as DryRun;
	const described = JSON.parse(stdout) as {mapping: {'nvram-template': {filename: string}}};
	t.is(described.mapping['nvram-template'].filename, plan['firmware'].varsTemplate.path);
});

test('--firmware-features=list prints the features the descriptors have, one per line', async t => {
	const {status, stdout} = await runMain(['--firmware-features=list'], fixtureEnv);
	t.is(status, 0);
	t.true(stdout.split('\n').includes('secure-boot'));
	t.true(stdout.endsWith('\n'));
});

test('a feature no descriptor has: one line, non-zero exit, nothing started', async t => {
	const {status, stdout, stderr} = await runSourceCli(cli, ['-D', '.', '-M', 'vm1', '--linux=/k', '--firmware-features=secure-boot,nosuch'], {env: fixtureEnv});
	t.is(status, 2);
	t.is(stdout, '');
	t.is(stderr, 'vmspawn-run: no firmware descriptor has the feature nosuch; --firmware-features=list prints the features there are\n');
});

(onX86 ? test : test.skip)("--firmware=bios boots qemu's built-in BIOS without a kernel: no pflash", async t => {
	const image = join(scratchDir(t), 'disk.raw');
	writeFileSync(image, Buffer.alloc(4096));
	const {status, stdout, stderr} = await runMain(['--dry-run', '-q', '-M', 'vm1', `--image=${image}`, '--firmware=bios'], fixtureEnv);
	t.is(status, 0, stderr);
	const {plan, argv} = JSON.parse(stdout) as DryRun;
	t.is(plan['firmware'], null);
	t.false(argv.some(argument => argument.includes('pflash') || argument === '-bios'));
});

test('--firmware=none still needs a kernel; uefi selects as auto does', async t => {
	const image = join(scratchDir(t), 'disk.raw');
	writeFileSync(image, Buffer.alloc(4096));
	await t.throwsAsync(runMain(['--dry-run', '-q', '-M', 'vm1', `--image=${image}`, '--firmware=none'], fixtureEnv), {
		message: '--firmware=none needs a kernel to boot: use --linux=',
	});
	const uefi = JSON.parse((await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', '--firmware=uefi'], fixtureEnv)).stdout) as DryRun;
	const auto = JSON.parse((await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k'], fixtureEnv)).stdout) as DryRun;
	t.is(uefi.plan['firmware'].descriptor, auto.plan['firmware'].descriptor);
});

test('--efi-nvram-state=auto keeps the variables beside the image, but not for an --ephemeral run; TPM state likewise', async t => {
	const image = join(scratchDir(t), 'disk.raw');
	writeFileSync(image, Buffer.alloc(4096));
	const kept = JSON.parse((await runMain(['--dry-run', '-q', '-M', 'vm1', `--image=${image}`], fixtureEnv)).stdout) as DryRun;
	t.deepEqual(kept.plan['firmware'].nvram, {path: `${image}.efinvramstate`, persistent: true});
	const ephemeral = JSON.parse((await runMain(['--dry-run', '-q', '-M', 'vm1', `--image=${image}`, '--ephemeral', '--tpm=no'], fixtureEnv)).stdout) as DryRun;
	t.deepEqual(ephemeral.plan['firmware'].nvram, {path: `${ephemeral.plan['runtime'].dir}/efi-vars.fd`, persistent: false});
});

test("--efi-nvram-template names the store's template; not a file: one line, non-zero exit, nothing started", async t => {
	const directory = scratchDir(t);
	const template = join(directory, 'my-keys.fd');
	writeFileSync(template, 'vars');
	const {plan} = JSON.parse(
		(await runMain(['--dry-run', '-q', '-D', '.', '-M', 'vm1', '--linux=/k', `--efi-nvram-template=${template}`, '--efi-nvram-state=off'], fixtureEnv)).stdout,
	) as DryRun;
	t.is(plan['firmware'].varsTemplate.path, template);
	const {status, stdout, stderr} = await runSourceCli(cli, ['-D', '.', '-M', 'vm1', '--linux=/k', `--efi-nvram-template=${directory}`], {env: fixtureEnv});
	t.is(status, 22);
	t.is(stdout, '');
	t.is(stderr, `vmspawn-run: invalid --efi-nvram-template=${directory}: not a regular file\n`);
});
