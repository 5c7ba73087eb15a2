import {existsSync} from 'node:fs';
import test from 'ava';
import {parsePlan} from '@vmspawn/plan';
import {run} from './helpers.js';

// The descriptors Debian's ovmf package installs; skipped on hosts without it.
const dir = '/usr/share/qemu/firmware';
const real = existsSync(`${dir}/50-edk2-x86_64-secure.json`) ? test : test.skip;
const env = {VMSPAWN_FIRMWARE_DIRS: dir, VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'};

async function select(...argv: string[]) {
	return parsePlan((await run(['-q', '--arch=x86_64', ...argv], {env})).stdout).firmware!;
}

real('auto skips the enrolled-keys firmware and takes the secure one, as upstream', async t => {
	const firmware = await select();
	t.is(firmware.descriptor, `${dir}/50-edk2-x86_64-secure.json`);
	t.deepEqual(firmware.code, {path: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd', format: 'raw'});
	t.deepEqual(firmware.varsTemplate, {path: '/usr/share/OVMF/OVMF_VARS_4M.fd', format: 'raw'});
	t.true(firmware.secureBoot);
	t.true(firmware.requiresSmm);
});

real('secure boot yes takes 50, no takes 60', async t => {
	t.is((await select('--secure-boot=yes')).code.path, '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd');
	const plain = await select('--secure-boot=no');
	t.is(plain.descriptor, `${dir}/60-edk2-x86_64.json`);
	t.is(plain.code.path, '/usr/share/OVMF/OVMF_CODE_4M.fd');
	t.false(plain.secureBoot);
	t.false(plain.requiresSmm);
});

real('the enrolled-keys firmware is listed as excluded and chosen after a reset', async t => {
	const records = JSON.parse((await run(['list', '--json', '--arch=x86_64'], {env})).stdout) as Array<Record<string, unknown>>;
	t.deepEqual(
		records.map(record => record['selected']),
		[false, true, false],
	);
	t.deepEqual(records[0]!['rejectedBecause'], [{code: 'enrolled-keys', message: 'has enrolled-keys, which is excluded'}]);
	t.is((await select('--firmware-features=')).code.path, '/usr/share/OVMF/OVMF_CODE_4M.ms.fd');
});
