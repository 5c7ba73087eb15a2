import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {validatePlan} from '@vmspawn/plan';
import {CredentialStore} from '@vmspawn/credentials';
import {deriveCids} from '@vmspawn/vsock';
import {type RunOptions, buildInvocation, completePlan} from '../src/index.js';
import {imitatedVsockDevice, fakeHost} from '@vmspawn/testing';
import {directBootOptions} from './helpers/options.js';

const options: RunOptions = directBootOptions;
const host = {env: process.env, host: fakeHost()};

test('missing sections are filled from the options with upstream defaults', async t => {
	const {plan} = await completePlan({version: '1.0'}, options, host);
	t.is(plan.machine.name, 'vm1');
	t.is(plan.machine.cpus, '1');
	t.is(plan.machine.ramMiB, 2048);
	t.is(plan.console.mode, 'interactive');
	t.regex(plan.runtime.dir, /\/vm1-[0-9a-f]{8}$/);
	t.deepEqual(plan.boot, {kernel: '/boot/vmlinuz', initrds: [], extraArgs: []});
	t.is(plan.firmware, null);
	t.deepEqual(plan.vsock, {enabled: false, reason: 'disabled with --vsock=no'});
});

test('sections that came in a plan are kept as they are', async t => {
	const incoming = validatePlan({version: '1.0', console: {mode: 'headless'}, runtime: {dir: '/run/vmspawn-test/x'}, custom: 1});
	const {plan} = await completePlan(incoming, options, {env: {...process.env, VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'}, host: fakeHost()});
	t.is<unknown, unknown>(plan.console, incoming.console);
	t.is<unknown, unknown>(plan.runtime, incoming.runtime);
	t.is(plan['custom'], 1);
});

for (const [option, section, value] of [
	['console', 'console', {mode: 'headless'}],
	['secure-boot', 'firmware', null],
	['vsock-cid', 'vsock', {enabled: false}],
	['ram', 'machine', undefined],
] as const) {
	test(`--${option} with a ${section} section in the incoming plan is a conflict`, async t => {
		const incoming = {version: '1.0', [section]: value ?? (await completePlan({version: '1.0'}, options, host)).plan.machine};
		await t.throwsAsync(completePlan(incoming, {...options, given: new Set([option])}, host), {
			instanceOf: UsageError,
			message: `--${option} conflicts with the ${section} section of the incoming plan; leave the option out or edit the plan`,
		});
	});
}

test('extra kernel arguments are added to an incoming boot section', async t => {
	const incoming = validatePlan({version: '1.0', boot: {kernel: '/k', extraArgs: ['a']}});
	t.deepEqual((await completePlan(incoming, {...options, extraArgs: ['b']}, host)).plan.boot.extraArgs, ['a', 'b']);
});

test('--firmware=none needs a kernel', async t => {
	const {linux: _linux, ...withoutKernel} = options;
	const imageRoot = validatePlan({version: '1.0', fs: {root: {kind: 'image', path: '/srv/disk.raw', format: 'raw', blockDevice: false, discard: true}}});
	await t.throwsAsync(completePlan(imageRoot, withoutKernel, host), {instanceOf: UsageError, message: '--firmware=none needs a kernel to boot: use --linux='});
});

test('without -D or -i the current directory is the root, shared over virtiofs, as upstream', async t => {
	const {plan} = await completePlan({version: '1.0'}, options, host);
	t.is(plan.fs.root.kind, 'directory');
	t.is(plan.fs.root.path, process.cwd());
	const invocation = await buildInvocation(plan, {env: process.env, claim: false, host: fakeHost()});
	t.deepEqual(
		invocation.helpers.map(helper => helper.name),
		['virtiofsd-root'],
	);
	t.true(invocation.argv.join(' ').includes('root=root rootfstype=virtiofs rw'));
});

test('a directory root without --linux and without boot entries is a clear error', async t => {
	const {linux: _linux, ...withoutKernel} = options;
	await t.throwsAsync(completePlan({version: '1.0'}, {...withoutKernel, fs: {directory: '/proc/self', binds: [], extraDrives: [], discard: true}}, host), {
		message: /^no boot entries found in \/proc\/self .*specify a kernel with --linux=$/,
	});
});

test('without --firmware the first matching descriptor is selected and its variables prepared before qemu', async t => {
	const {firmware: _firmware, ...auto} = options;
	const fixtures = new URL('../../firmware/test/fixtures/select', import.meta.url).pathname;
	const env = {...process.env, VMSPAWN_FIRMWARE_DIRS: fixtures};
	const {plan} = await completePlan({version: '1.0'}, auto, {env, host: fakeHost()});
	t.truthy(plan.firmware?.code.path);
	const invocation = await buildInvocation(plan, {env, claim: false, host: fakeHost()});
	t.true(invocation.argv.some(argument => argument.startsWith('if=pflash,')));
	t.is(invocation.prepare.length, plan.firmware?.nvram ? 1 : 0);
});

test('several initrds are merged into the runtime directory before qemu starts', async t => {
	const {plan} = await completePlan({version: '1.0'}, {...options, initrds: ['/a', '/b']}, host);
	const invocation = await buildInvocation(plan, {env: process.env, claim: false, host: fakeHost()});
	t.true(invocation.argv.includes(`${plan.runtime.dir}/initrd.img`));
	t.is(invocation.prepare.length, 1);
});

test('qemu missing from $PATH is a clear error', async t => {
	const {plan} = await completePlan({version: '1.0'}, options, host);
	await t.throwsAsync(buildInvocation(plan, {env: {PATH: '/nonexistent'}, claim: false, host: fakeHost()}), {
		message: /cannot find qemu-system-x86_64 on \$PATH \(Debian: apt-get install qemu-system-x86\)/,
	});
});

test('$SYSTEMD_VMSPAWN_QEMU_EXTRA is split like a shell and appended last', async t => {
	const {plan} = await completePlan({version: '1.0'}, options, host);
	const {argv} = await buildInvocation(plan, {
		env: {...process.env, SYSTEMD_VMSPAWN_QEMU_EXTRA: `-device 'virtio-gpu-pci' -name "my vm"`},
		claim: false,
		host: fakeHost(),
	});
	t.deepEqual(argv.slice(-4), ['-device', 'virtio-gpu-pci', '-name', 'my vm']);
});

test('a run claims the planned CID and passes its fd to qemu (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice();
	const {plan} = await completePlan({version: '1.0'}, {...options, vsock: {mode: 'yes'}}, {env: process.env, host: fakeHost({vsockDevice: device})});
	t.is(plan.vsock.cid, deriveCids('vm1')[0]);
	const invocation = await buildInvocation(plan, {env: process.env, claim: true, host: fakeHost({vsockDevice: device})});
	t.is(invocation.passFds.length, 1);
	t.true(invocation.argv.includes(`vhost-vsock-pci,guest-cid=${plan.vsock.cid},vhostfd=3`));
	t.is(device.held.get(plan.vsock.cid!), invocation.passFds[0], 'the fd qemu gets holds the CID');
});

test('a derived CID taken between planning and the run moves on and says so (imitated vhost-vsock device)', async t => {
	const planning = imitatedVsockDevice();
	const {plan} = await completePlan({version: '1.0'}, {...options, vsock: {mode: 'yes'}}, {env: process.env, host: fakeHost({vsockDevice: planning})});
	const [first, second] = deriveCids('vm1');
	const running = imitatedVsockDevice({taken: [first!]});
	const invocation = await buildInvocation(plan, {env: process.env, claim: true, host: fakeHost({vsockDevice: running})});
	t.is(invocation.plan.vsock.cid, second);
	t.regex(invocation.notices[0] ?? '', new RegExp(`CID ${first} is now in use by another VM; using CID ${second}`));
});

test('a dry run claims nothing (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice();
	const {plan} = await completePlan({version: '1.0'}, {...options, vsock: {mode: 'yes'}}, {env: process.env, host: fakeHost({vsockDevice: device})});
	const invocation = await buildInvocation(plan, {env: process.env, claim: false, host: fakeHost({vsockDevice: device})});
	t.deepEqual(invocation.passFds, []);
	t.true(invocation.argv.includes(`vhost-vsock-pci,guest-cid=${plan.vsock.cid},vhostfd=3`));
});

test('a TPM adds swtpm as a helper, its manufacture before qemu, and the TPM device', async t => {
	const {plan} = await completePlan({version: '1.0'}, {...options, tpm: {mode: 'yes', state: {kind: 'off'}}}, host);
	t.true(plan.tpm.enabled);
	const invocation = await buildInvocation(plan, {env: process.env, claim: false, host: fakeHost()});
	t.deepEqual(
		invocation.helpers.map(helper => helper.name),
		['swtpm', 'virtiofsd-root'],
	);
	t.true(invocation.argv.includes(`socket,id=chrtpm,path=${plan.tpm.socket}`));
	t.true(invocation.argv.includes('tpm-tis,tpmdev=tpm0'));
	t.is(invocation.prepare.length, 1, 'the state is manufactured before qemu starts');
});

test('credentials go into the plan as files only, and cannot arrive in a plan', async t => {
	const secrets = new CredentialStore();
	secrets.add('token', Buffer.from('very-secret-value'));
	const {plan} = await completePlan({version: '1.0'}, options, {...host, secrets});
	t.deepEqual(
		plan.credentials?.entries.map(entry => [entry.id, entry.file]),
		[['token', `${plan.runtime.dir}/credentials/token`]],
	);
	t.false(JSON.stringify(plan).includes('very-secret-value'));
	const invocation = await buildInvocation(plan, {env: process.env, claim: false, secrets, host: fakeHost()});
	t.true(invocation.argv.includes(`type=11,path=${plan.runtime.dir}/credentials/token`));
	t.false(invocation.argv.join(' ').includes('very-secret-value'));
	await t.throwsAsync(completePlan({version: '1.0', credentials: plan.credentials}, options, {...host, secrets}), {
		message: /^plan\.credentials: credentials cannot arrive in a plan/,
	});
});
