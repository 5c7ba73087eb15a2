import {readdirSync, statSync} from 'node:fs';
import test from 'ava';
import {type Plan, validatePlan} from '@vmspawn/plan';
import {addTpmSection, planImage} from '../src/index.js';
import {fakeHost} from './helpers/fixtures.js';

const env = {VMSPAWN_RUNTIME_DIR: '/run/test-vmspawn'};
const machine = {name: 'web1', arch: 'x86_64' as const, type: 'q35', cpus: '1', ramMiB: 2048, accelerator: 'tcg' as const};

test('a plan without a runtime directory gets one, named after the machine, only when the TPM is on', async t => {
	const plan = await addTpmSection({version: '1.0', machine}, {mode: 'auto', state: {kind: 'auto'}, env}, fakeHost());
	t.regex(plan.runtime?.dir ?? '', /^\/run\/test-vmspawn\/web1-[0-9a-f]{8}$/);
	t.is(plan.tpm?.socket, `${plan.runtime?.dir}/tpm.sock`);
	t.notThrows(() => validatePlan(JSON.parse(JSON.stringify(plan))));

	const off = await addTpmSection({version: '1.0', machine}, {mode: 'no', state: {kind: 'auto'}, env}, fakeHost());
	t.is(off.runtime, undefined);
	t.deepEqual(off.tpm, {enabled: false, reason: 'disabled with --tpm=no'});
});

test('the incoming runtime directory is kept and other sections pass through untouched', async t => {
	const vsock = {enabled: false as const, reason: 'test', extra: {kept: true}};
	const incoming: Plan = {version: '1.0', machine, runtime: {dir: '/run/vmspawn/given'}, vsock, mine: 1};
	const plan = await addTpmSection(incoming, {mode: 'auto', state: {kind: 'off'}, machineName: 'other', env}, fakeHost());
	t.deepEqual(plan.runtime, {dir: '/run/vmspawn/given'});
	t.is(plan.vsock, vsock);
	t.is((plan as Record<string, unknown>)['mine'], 1);
	t.is(plan.tpm?.stateDir, '/run/vmspawn/given/tpm');
});

test('-M names the runtime directory when the plan has no machine', async t => {
	const plan = await addTpmSection({version: '1.0'}, {mode: 'auto', state: {kind: 'off'}, machineName: 'db2', env}, fakeHost());
	t.regex(plan.runtime?.dir ?? '', /^\/run\/test-vmspawn\/db2-/);
});

test('the guest architecture comes from the plan', async t => {
	const plan = await addTpmSection(
		{version: '1.0', machine: {...machine, arch: 'riscv64', type: 'virt'}},
		{mode: 'auto', state: {kind: 'auto'}, env},
		fakeHost(),
	);
	t.deepEqual(plan.tpm, {enabled: false, reason: 'the TPM is not supported on riscv64'});
});

const imageRoot = (path: string, blockDevice = false) => ({kind: 'image' as const, path, format: 'raw' as const, blockDevice, discard: true});

test("the image for the auto state comes from --image, else from the plan's image root", async t => {
	const incoming: Plan = {version: '1.0', machine, fs: {root: imageRoot('/vm/disk.raw'), shares: [], extraDrives: [], kernelArgs: []}};
	const fromPlan = await addTpmSection(incoming, {mode: 'auto', state: {kind: 'auto'}, env}, fakeHost());
	t.is(fromPlan.tpm?.stateDir, '/vm/disk.raw.tpmstate');
	t.is(fromPlan.fs, incoming.fs);
	const fromOption = await addTpmSection(incoming, {mode: 'auto', state: {kind: 'auto'}, image: '/other.raw', env}, fakeHost());
	t.is(fromOption.tpm?.stateDir, '/other.raw.tpmstate');
});

test('a block device or an ephemeral root has no place for state beside it; a directory root has, as upstream', async t => {
	const fs = (root: NonNullable<Plan['fs']>['root']) => ({version: '1.0', fs: {root, shares: [], extraDrives: [], kernelArgs: []}});
	t.is(planImage(fs(imageRoot('/dev/vdb', true))), undefined);
	t.is(planImage(fs({...imageRoot('/vm/disk.raw'), ephemeral: {overlay: '/run/x/root.qcow2'}})), undefined);
	t.is(
		planImage(fs({kind: 'directory', path: '/srv/tree', tag: 'root', share: {socket: '/run/x/root.sock', helper: {name: 'virtiofsd', argv: ['virtiofsd']}}})),
		'/srv/tree',
	);
	t.is(planImage({version: '1.0'}), undefined);
});

test('--tpm-state=auto keeps the state in DIR.tpmstate beside a directory root, and off with an ephemeral image', async t => {
	const directoryRoot = {
		kind: 'directory' as const,
		path: '/srv/tree',
		tag: 'root' as const,
		share: {socket: '/run/x/root.sock', helper: {name: 'virtiofsd', argv: ['virtiofsd']}},
	};
	const directory = await addTpmSection(
		{version: '1.0', machine, fs: {root: directoryRoot, shares: [], extraDrives: [], kernelArgs: []}},
		{mode: 'auto', state: {kind: 'auto'}, env},
		fakeHost(),
	);
	t.like(directory.tpm, {stateDir: '/srv/tree.tpmstate', persistent: true});
	const ephemeral = await addTpmSection(
		{
			version: '1.0',
			machine,
			fs: {root: {...imageRoot('/vm/disk.raw'), ephemeral: {overlay: '/run/x/root.qcow2'}}, shares: [], extraDrives: [], kernelArgs: []},
		},
		{mode: 'auto', state: {kind: 'auto'}, env},
		fakeHost(),
	);
	t.like(ephemeral.tpm, {persistent: false});
});

const device = readdirSync('/dev')
	.map(name => `/dev/${name}`)
	.find(path => statSync(path, {throwIfNoEntry: false})?.isBlockDevice());
(device ? test : test.skip)(
	`--image naming a block device gives ephemeral state${device ? '' : ' — skipped: this host has no block device in /dev'}`,
	async t => {
		const plan = await addTpmSection({version: '1.0', machine}, {mode: 'auto', state: {kind: 'auto'}, image: device!, env}, fakeHost());
		t.like(plan.tpm, {persistent: false});
	},
);
