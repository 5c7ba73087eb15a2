import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {runMain} from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'vmspawn-check-test-'));
test.after.always(() => rmSync(dir, {recursive: true, force: true}));
const kernel = join(dir, 'vmlinuz');
writeFileSync(kernel, 'not really a kernel');

type Check = {check: string; status: string; detail: string};

test('--check reports each preflight check and exits 0 when none fails, starting nothing', async t => {
	const {status, stdout} = await runMain(['--check', '--kvm=no', '--tpm=no', '--firmware=none', '-D', dir, `--linux=${kernel}`, '-M', 'checked']);
	t.is(status, 0, stdout);
	t.regex(stdout, /^ok {3}qemu: \/.*qemu-system-x86_64: QEMU emulator version /m);
	t.regex(stdout, /^ok {3}virtiofsd-root \(virtiofsd\): /m);
	t.regex(stdout, /^ok {3}kernel: /m);
	t.regex(stdout, /^ok {3}socket paths: 3 sockets/m);
	t.regex(stdout, /^warn accelerator: TCG/m);
	const runtimeDir = /^ok {3}runtime directory: (\S+) /m.exec(stdout)?.[1];
	t.truthy(runtimeDir);
	t.false(existsSync(runtimeDir!), 'the runtime directory was only planned');
});

test('--check --json fails with 1 and names a socket path over the unix limit', async t => {
	const deep = join(dir, 'r'.repeat(90));
	const image = join(dir, 'disk.raw');
	writeFileSync(image, Buffer.alloc(4096));
	const {status, stdout} = await runMain(
		['--check', '--json', '--kvm=no', '--tpm=no', '--firmware=none', `--image=${image}`, `--linux=${kernel}`, '-M', 'checked', 'root=/dev/vda'],
		{...process.env, VMSPAWN_RUNTIME_DIR: deep},
	);
	t.is(status, 1);
	const checks = JSON.parse(stdout) as Check[];
	const sockets = checks.find(check => check.check === 'socket paths');
	t.is(sockets?.status, 'fail');
	t.true(sockets?.detail.includes(`${deep}/checked-`));
});
