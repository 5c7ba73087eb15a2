import test, {type ExecutionContext} from 'ava';
import {PlanError, validatePlan} from '@vmspawn/plan';
import {type RunOptions, completePlan} from '../src/index.js';
import {fakeHost} from '@vmspawn/testing';
import {directBootOptions} from './helpers/options.js';

const options: RunOptions = directBootOptions;
const base = '/run/vmspawn-test';
const host = {env: {...process.env, VMSPAWN_RUNTIME_DIR: base}, host: fakeHost()};
const runtime = {dir: `${base}/vm1-0123abcd`};
const firmware = {
	descriptor: '/usr/share/qemu/firmware/60-ovmf.json',
	description: 'OVMF',
	code: {path: '/usr/share/OVMF/OVMF_CODE.fd'},
	varsTemplate: {path: '/usr/share/OVMF/OVMF_VARS.fd'},
	secureBoot: false,
	requiresSmm: false,
};
const swtpm = {name: 'swtpm', argv: ['/usr/bin/swtpm', 'socket']};

async function refusal(t: ExecutionContext, sections: Record<string, unknown>): Promise<string> {
	const error = await t.throwsAsync(completePlan(validatePlan({version: '1.0', runtime, ...sections}), options, host), {instanceOf: PlanError});
	return error?.problems.join('\n') ?? '';
}

// A per-run NVRAM copy is written over its path: from a plan, that would overwrite any file the user can write.
test('a per-run NVRAM copy outside runtime.dir is refused, naming the field', async t => {
	t.is(
		await refusal(t, {firmware: {...firmware, nvram: {path: '/home/user/.bashrc', persistent: false}}}),
		`plan.firmware.nvram.path: a per-run file must be inside runtime.dir ${runtime.dir}, not /home/user/.bashrc`,
	);
	t.is(
		await refusal(t, {firmware: {...firmware, nvram: {path: `${runtime.dir}/../../../etc/x`, persistent: false}}}),
		`plan.firmware.nvram.path: a per-run file must be inside runtime.dir ${runtime.dir}, not ${runtime.dir}/../../../etc/x`,
	);
});

test('a persistent NVRAM the user chose may lie anywhere', async t => {
	const {plan} = await completePlan(
		validatePlan({version: '1.0', runtime, firmware: {...firmware, nvram: {path: '/var/lib/vms/vm1.fd', persistent: true}}}),
		options,
		host,
	);
	t.is(plan.firmware?.nvram?.path, '/var/lib/vms/vm1.fd');
});

test('runtime.dir must be a direct child of the runtime base', async t => {
	for (const dir of ['/tmp/elsewhere', `${base}/a/b`, base, `${base}/../x`, `${base}/x/..`]) {
		const error = await t.throwsAsync(completePlan(validatePlan({version: '1.0', runtime: {dir}}), options, host), {instanceOf: PlanError});
		t.deepEqual(error?.problems, [`plan.runtime.dir: expected a directory directly inside the runtime base ${base}, not ${dir}`]);
	}
});

test('sockets and TPM state of the run must be inside runtime.dir', async t => {
	t.regex(
		await refusal(t, {
			tpm: {
				enabled: true,
				stateDir: `${runtime.dir}/tpm`,
				persistent: false,
				socket: '/tmp/tpm.sock',
				manufacture: {argv: ['swtpm_setup']},
				helper: {...swtpm, socket: `${runtime.dir}/tpm.sock`},
			},
		}),
		/^plan\.tpm\.socket: /,
	);
	t.regex(
		await refusal(t, {
			tpm: {enabled: true, stateDir: '/home/user', persistent: false, socket: `${runtime.dir}/tpm.sock`, manufacture: {argv: ['swtpm_setup']}, helper: swtpm},
		}),
		/^plan\.tpm\.stateDir: /,
	);
	t.regex(
		await refusal(t, {
			tpm: {
				enabled: true,
				stateDir: `${runtime.dir}/tpm`,
				persistent: false,
				socket: `${runtime.dir}/tpm.sock`,
				manufacture: {argv: ['swtpm_setup']},
				helper: {...swtpm, socket: '/tmp/s'},
			},
		}),
		/^plan\.tpm\.helper\.socket: /,
	);
	const share = {
		source: '/srv',
		target: '/srv',
		readOnly: true,
		tag: 'srv',
		socket: '/tmp/v.sock',
		helper: {name: 'virtiofsd-srv', argv: ['/usr/libexec/virtiofsd'], socket: '/tmp/v.sock'},
	};
	t.regex(
		await refusal(t, {
			fs: {root: {kind: 'image', path: '/srv/disk.raw', format: 'raw', blockDevice: false, discard: false}, shares: [share], extraDrives: [], kernelArgs: []},
		}),
		/^plan\.fs\.shares\[0\]\.socket: /,
	);
});

test('a persistent TPM state directory the user chose may lie anywhere', async t => {
	const tpm = {
		enabled: true,
		stateDir: '/var/lib/vms/vm1.tpm',
		persistent: true,
		socket: `${runtime.dir}/tpm.sock`,
		manufacture: {argv: ['swtpm_setup']},
		helper: {...swtpm, socket: `${runtime.dir}/tpm.sock`},
	};
	const {plan} = await completePlan(validatePlan({version: '1.0', runtime, tpm}), options, host);
	t.is(plan.tpm.stateDir, '/var/lib/vms/vm1.tpm');
});
