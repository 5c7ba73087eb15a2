import {mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import test from 'ava';
import {fakeHost} from '@vmspawn/testing';
import {type RunOptions, buildInvocation, completePlan} from '../src/index.js';

// The guest is hostile: a directory root's boot entries cannot make qemu load a host file.
const options: RunOptions = {
	initrds: [],
	extraArgs: [],
	arch: 'x86_64',
	kvm: 'no',
	given: new Set(),
	machineName: 'vm1',
	firmware: {firmware: 'none'},
	vsock: {mode: 'no'},
	tpm: {mode: 'no', state: {kind: 'off'}},
};

function temporary(t: {teardown(fn: () => void): void}, prefix: string): string {
	const directory = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	return directory;
}

function write(path: string, content: string): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, content);
}

function directoryRoot(root: string): RunOptions {
	return {...options, fs: {directory: root, binds: [], extraDrives: [], discard: true}};
}

test("attack: a boot entry whose kernel and initrd link to host files gives qemu the tree's files, not the host's", async t => {
	const host = temporary(t, 'vmspawn-host-');
	write(join(host, 'vmlinuz'), 'host kernel');
	write(join(host, 'initrd'), 'host initrd');
	const root = temporary(t, 'vmspawn-guest-');
	write(join(root, 'boot/loader/entries/evil.conf'), `linux /vmlinuz\ninitrd /../../../../..${host}/initrd\n`);
	symlinkSync(join(host, 'vmlinuz'), join(root, 'boot/vmlinuz'));
	// The same paths re-rooted in the tree: what chase() makes of them.
	write(join(root, 'boot', host, 'vmlinuz'), 'guest kernel');
	write(join(root, 'boot', host, 'initrd'), 'guest initrd');
	const {plan} = await completePlan({version: '1.0'}, directoryRoot(root), {env: process.env, host: fakeHost()});
	const {argv} = await buildInvocation(plan, {env: process.env, claim: false, host: fakeHost()});
	t.is(argv[argv.indexOf('-kernel') + 1], join(root, 'boot', host, 'vmlinuz'));
	t.is(argv[argv.indexOf('-initrd') + 1], join(root, 'boot', host, 'initrd'));
});

test('attack: a boot entry reaching only host files is no entry: a clear error naming why', async t => {
	const host = temporary(t, 'vmspawn-host-');
	write(join(host, 'vmlinuz'), 'host kernel');
	const root = temporary(t, 'vmspawn-guest-');
	write(join(root, 'boot/loader/entries/evil.conf'), `linux /../../../../..${host}/vmlinuz\n`);
	await t.throwsAsync(completePlan({version: '1.0'}, directoryRoot(root), {env: process.env, host: fakeHost()}), {
		message: `no boot entries found in ${root} (looked for boot/loader/entries/*.conf, efi/loader/entries/*.conf and EFI/Linux/*.efi) (1 ignored, first: ignoring boot entry ${root}/boot/loader/entries/evil.conf: cannot resolve /../../../../..${host}/vmlinuz in ${root}/boot: No such file or directory); specify a kernel with --linux=`,
	});
});

test("an entry skipped for the guest's paths is a warning of the completed plan", async t => {
	const root = temporary(t, 'vmspawn-guest-');
	write(join(root, 'boot/loader/entries/a.conf'), 'linux /vmlinuz\n');
	write(join(root, 'boot/loader/entries/b.conf'), 'linux /gone\n');
	write(join(root, 'boot/vmlinuz'), 'guest kernel');
	const {plan, warnings} = await completePlan({version: '1.0'}, directoryRoot(root), {env: process.env, host: fakeHost()});
	t.is(plan.boot.kernel, join(root, 'boot/vmlinuz'));
	t.deepEqual(warnings, [`ignoring boot entry ${root}/boot/loader/entries/b.conf: cannot resolve /gone in ${root}/boot: No such file or directory`]);
});
