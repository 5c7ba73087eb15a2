import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import {CliError, describeFailure} from '@vmspawn/cli';
import {PlanError} from '@vmspawn/plan';
import {runMain} from './helpers.js';

// Any value of any option: a plan, or one line naming the problem. Never another kind of error.
const runsPerOption = Number(process.env['PROPERTY_RUNS'] ?? 60);
const options = [
	'ram',
	'cpus',
	'kvm',
	'uuid',
	'machine',
	'console',
	'console-transport',
	'secure-boot',
	'firmware-features',
	'efi-nvram-state',
	'vsock-cid',
	'tpm-state',
	'bind',
	'bind-ro',
	'private-users',
	'image-format',
	'image-disk-type',
	'grow-image',
	'extra-drive',
	'discard-disk',
	'port',
	'set-credential',
	'load-credential',
	'register',
	'slice',
	'property',
] as const;

const value = fc
	.oneof(
		fc.string(),
		fc.stringMatching(/^[\w./:\\-]{0,24}$/),
		fc.constantFrom('', ':', '\\:', '/', '/tmp', '/tmp:/mnt', 'a:b', 'tcp:8080:80', 'x:\\x00', '0', '4294967295', '-1', '1.5G', 'yes', 'auto'),
	)
	.filter(text => !text.endsWith(':-'));

test('every option of vmspawn-run takes any value without an unexpected error', async t => {
	const root = mkdtempSync(join(tmpdir(), 'vmspawn-properties-'));
	t.teardown(() => rmSync(root, {recursive: true, force: true}));
	let cases = 0;
	for (const option of options) {
		await fc.assert(
			fc.asyncProperty(value, async text => {
				cases++;
				const extra = option === 'port' ? ['--network-user-mode'] : [];
				try {
					const result = await runMain([
						'--dry-run',
						'-q',
						'--firmware=none',
						'--tpm=no',
						'--vsock=no',
						`-D${root}`,
						'--linux=/k',
						...extra,
						`--${option}=${text}`,
					]);
					return result.status === 0 && result.stdout.startsWith('{"plan":');
				} catch (error) {
					const {message} = describeFailure(error);
					return (error instanceof CliError || error instanceof PlanError) && message !== '' && !message.includes('\n');
				}
			}),
			{numRuns: runsPerOption},
		);
	}

	t.log(`${cases} cases over ${options.length} options`);
	t.pass();
});

// What a plan from elsewhere controls that becomes a path: the arch, runtime.dir, a per-run NVRAM copy.
test('a plan with any arch, runtime.dir and per-run NVRAM path is a dry run or one line, never a path outside the run', async t => {
	const root = mkdtempSync(join(tmpdir(), 'vmspawn-properties-'));
	t.teardown(() => rmSync(root, {recursive: true, force: true}));
	const base = join(root, 'run');
	const path = fc.oneof(
		fc.string(),
		fc.constantFrom(`${base}/vm-1`, `${base}/vm-1/efi.fd`, `${base}/../x`, `${base}/vm-1/../../etc/passwd`, '/etc/passwd', base),
	);
	const arch = fc.oneof(fc.string(), fc.constantFrom('x86_64', 'aarch64', 'x/../../tmp/evil'));
	const firmware = {
		descriptor: '/usr/share/qemu/firmware/x.json',
		description: 'x',
		code: {path: '/usr/share/OVMF/OVMF_CODE.fd'},
		secureBoot: false,
		requiresSmm: false,
	};
	let cases = 0;
	await fc.assert(
		fc.asyncProperty(arch, path, path, async (archName, dir, nvram) => {
			cases++;
			const file = join(root, 'plan.json');
			writeFileSync(
				file,
				JSON.stringify({
					version: '1.0',
					machine: {name: 'vm', arch: archName, type: 'q35', cpus: '1', ramMiB: 512, accelerator: 'tcg'},
					runtime: {dir},
					firmware: {...firmware, nvram: {path: nvram, persistent: false}},
				}),
			);
			try {
				const result = await runMain(['--dry-run', '-q', '--tpm=no', '--vsock=no', `-D${root}`, '--linux=/k', `--plan=${file}`], {
					...process.env,
					VMSPAWN_RUNTIME_DIR: base,
				});
				const {plan} = JSON.parse(result.stdout) as {plan: {runtime: {dir: string}; firmware: {nvram: {path: string}}}};
				return result.status === 0 && plan.runtime.dir.startsWith(`${base}/`) && plan.firmware.nvram.path.startsWith(`${plan.runtime.dir}/`);
			} catch (error) {
				const {message} = describeFailure(error);
				return (error instanceof CliError || error instanceof PlanError) && message !== '' && !message.includes('\n');
			}
		}),
		{numRuns: runsPerOption * 4},
	);
	t.log(`${cases} cases`);
	t.pass();
});
