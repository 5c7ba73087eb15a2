import test from 'ava';
import {STATUS_FORMAT_VERSION, type VmStatus, VmStatusSchema} from '../src/index.js';

const running: VmStatus = {
	version: STATUS_FORMAT_VERSION,
	name: 'web1',
	uuid: '0123abcd-0000-4000-8000-000000000001',
	state: 'running',
	startedAt: '2025-01-02T03:04:05.678Z',
	pid: 4242,
	pidStartTime: 123_456,
	runtimeDir: '/run/vmspawn/web1-0badcafe',
	qemu: {pid: 4250},
	helpers: [
		{name: 'swtpm', pid: 4244},
		{name: 'virtiofsd-root', pid: 4245},
	],
	sockets: {qmp: '/run/vmspawn/web1-0badcafe/qmp.sock', swtpm: '/run/vmspawn/web1-0badcafe/swtpm.sock'},
	vsockCid: 1234,
	console: 'read-only',
	root: {kind: 'directory', path: '/srv/web1'},
	ssh: {command: ['ssh', '-i', '/run/vmspawn/web1-0badcafe/ssh-key', 'root@vsock/1234']},
};

test('a full status document is valid', t => {
	t.deepEqual(VmStatusSchema.parse(running), running);
});

test('a starting VM has no qemu pid, helpers, uuid, cid or ssh yet', t => {
	const {qemu: _qemu, uuid: _uuid, vsockCid: _cid, ssh: _ssh, ...rest} = running;
	const starting = {...rest, state: 'starting', helpers: [], sockets: {}};
	t.true(VmStatusSchema.safeParse(starting).success);
});

test('fields a newer minor version adds are kept', t => {
	const parsed = VmStatusSchema.parse({...running, version: '1.7', registered: true});
	t.is(parsed['registered'], true);
});

for (const [what, change] of [
	['an unknown state', {state: 'paused'}],
	['a time that is not ISO 8601', {startedAt: 'yesterday'}],
	['a relative runtime directory', {runtimeDir: 'run/web1'}],
	['a pid of 0', {pid: 0}],
	['an empty ssh command', {ssh: {command: []}}],
	['a bad machine name', {name: 'web 1'}],
] as const) {
	test(`${what} is refused`, t => {
		t.false(VmStatusSchema.safeParse({...running, ...change}).success);
	});
}
