import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {parsePlan} from '@vmspawn/plan';
import {fixtureDirs, run} from './helpers.js';

const secure = join(fixtureDirs[1]!, '50-secure.json');

test('select is the default command and writes one plan with the firmware section', async t => {
	const {status, stdout, stderr} = await run(['--arch=x86_64']);
	t.is(status, 0);
	t.true(stdout.endsWith('}\n'));
	t.is(stdout.split('\n').length, 2, 'one JSON document, newline-terminated');
	const plan = parsePlan(stdout);
	t.like(plan.firmware, {descriptor: secure, code: {path: '/fixtures/ovmf/CODE.secboot.fd', format: 'raw'}, secureBoot: true, requiresSmm: true});
	t.regex(plan.runtime!.dir, /^\/run\/vmspawn-test\/vmspawn-[0-9a-f]{8}$/);
	t.is(plan.firmware!.nvram!.path, `${plan.runtime!.dir}/efi-vars.fd`);
	t.regex(stderr, /^vmspawn-firmware: warning: ignoring firmware descriptor .*70-broken\.json: interface-types: missing/m);
	t.regex(stderr, /^Firmware: .*50-secure\.json \(UEFI with Secure Boot\)$/m);
});

test('-q silences the status line but not warnings', async t => {
	const {stdout, stderr} = await run(['select', '-q', '--arch=x86_64']);
	t.notRegex(stderr, /^Firmware: /m);
	t.regex(stderr, /^vmspawn-firmware: warning: ignoring firmware descriptor .*70-broken\.json: /m);
	t.is(stderr.split('\n').filter(line => line !== '' && !line.startsWith('vmspawn-firmware: warning: ')).length, 0, stderr);
	t.truthy(parsePlan(stdout).firmware);
});

test('the incoming plan on stdin is kept, its machine and runtime directory used', async t => {
	const dir = mkdtempSync(join(tmpdir(), 'vmspawn-firmware-test-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const incoming = {
		version: '1.0',
		machine: {name: 'web1', arch: 'x86_64', type: 'q35', cpus: '2', ramMiB: 1024, accelerator: 'tcg'},
		runtime: {dir: '/run/x/web1'},
		custom: [1],
	};
	writeFileSync(join(dir, 'plan.json'), JSON.stringify(incoming));
	const fd = openSync(join(dir, 'plan.json'), 'r');
	t.teardown(() => closeSync(fd));
	const plan = parsePlan((await run(['--secure-boot=no', '-q'], {stdinFd: fd})).stdout);
	t.deepEqual(plan.machine, incoming.machine);
	t.deepEqual(plan['custom'], [1]);
	t.is(plan.firmware!.code.path, '/fixtures/ovmf/CODE.fd');
	t.deepEqual(plan.firmware!.nvram, {path: '/run/x/web1/efi-vars.fd', persistent: false});
});

test('-M names the runtime directory; --efi-nvram-state makes the store persistent', async t => {
	t.regex(parsePlan((await run(['-q', '--arch=x86_64', '-M', 'db2'])).stdout).runtime!.dir, /\/db2-[0-9a-f]{8}$/);
	const plan = parsePlan((await run(['-q', '--arch=x86_64', '--efi-nvram-state=/var/lib/vms/db2.efivars'])).stdout);
	t.deepEqual(plan.firmware!.nvram, {path: '/var/lib/vms/db2.efivars', persistent: true});
});

test('--firmware-features= resets the default exclusion of enrolled keys', async t => {
	const plan = parsePlan((await run(['-q', '--arch=x86_64', '--firmware-features='])).stdout);
	t.is(plan.firmware!.code.path, '/fixtures/ovmf/CODE.ms.fd');
});

test('--secure-boot=yes without matching firmware fails with ENOENT', async t => {
	const error = await t.throwsAsync(run(['--secure-boot=yes', '--arch=aarch64']), {instanceOf: CliError});
	t.is(error?.exitCode, 2);
	t.regex(error?.message ?? '', /^no UEFI firmware for aarch64 \(machine type virt\) with secure-boot/);
});

test('bad option values are usage errors naming the option', async t => {
	await t.throwsAsync(run(['--secure-boot=maybe']), {instanceOf: UsageError, message: /^invalid --secure-boot=maybe: /});
	await t.throwsAsync(run(['--firmware=50-secure.json']), {
		instanceOf: UsageError,
		message: "invalid --firmware=50-secure.json: absolute path or path starting with './' required",
	});
	await t.throwsAsync(run(['--firmware-features=a b']), {instanceOf: UsageError, message: /^invalid --firmware-features=a b: /});
});

test('--firmware uses that one descriptor', async t => {
	const plan = parsePlan((await run(['-q', `--firmware=${join(fixtureDirs[0]!, '45-enrolled.json')}`, '--arch=x86_64'])).stdout);
	t.is(plan.firmware!.code.path, '/fixtures/ovmf/CODE.ms.fd');
});
