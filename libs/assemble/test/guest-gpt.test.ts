import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {fakeHost} from '@vmspawn/testing';
import {CliError} from '@vmspawn/cli';
import {validatePlan} from '@vmspawn/plan';
import {type RunOptions, buildInvocation, completePlan} from '../src/index.js';
import {directBootOptions} from './helpers/options.js';

// The guest is hostile: the partition table of its image is read even for --dry-run (root=PARTUUID=).
// Before, this test hung until ava's timeout.
const options: RunOptions = {
	...directBootOptions,
	tpm: {mode: 'no', state: {kind: 'off'}},
};

test('attack: a GPT header with entry size 0 makes a direct boot a clear error at once, not a hang', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-guest-gpt-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const image = Buffer.alloc(64 * 1024);
	image.write('EFI PART', 512, 'latin1');
	image.writeBigUInt64LE(2n, 512 + 72);
	image.writeUInt32LE(128, 512 + 80);
	const path = join(directory, 'disk.raw');
	writeFileSync(path, image);
	const incoming = validatePlan({version: '1.0', fs: {root: {kind: 'image', path, format: 'raw', blockDevice: false, discard: true}}});
	const {plan} = await completePlan(incoming, options, {env: process.env, host: fakeHost()});
	await t.throwsAsync(buildInvocation(plan, {env: process.env, claim: false, host: fakeHost()}), {
		instanceOf: CliError,
		message: `cannot boot /boot/vmlinuz directly from ${path}: corrupt GPT in ${path}: partition entry size 0 (expected 128 to 4096, a multiple of 8); add root=... to the kernel command line`,
	});
});
