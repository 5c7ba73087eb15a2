import test from 'ava';
import {type DescribedPlan, describeVm} from '../src/index.js';

const plan: DescribedPlan = {
	machine: {name: 'web1', uuid: '0123abcd-0000-4000-8000-000000000001', arch: 'x86_64', type: 'q35', cpus: '1', ramMiB: 2048, accelerator: 'tcg'},
	console: {mode: 'read-only'},
	fs: {root: {kind: 'image', path: '/images/web1.raw', format: 'raw', blockDevice: false, discard: true}, shares: [], extraDrives: [], kernelArgs: []},
	vsock: {enabled: true, cid: 1234, cidSource: 'derived'},
};

test('a plan is described by name, uuid, console, root and CID, and nothing more', t => {
	t.deepEqual(describeVm(plan), {
		name: 'web1',
		uuid: '0123abcd-0000-4000-8000-000000000001',
		console: 'read-only',
		root: {kind: 'image', path: '/images/web1.raw'},
		vsockCid: 1234,
	});
});

test('no vsock means no CID', t => {
	t.false('vsockCid' in describeVm({...plan, vsock: {enabled: false, reason: '--vsock=no'}}));
});

test("the SSH command comes from the plan's ssh section when the guest can be reached; its keys never do", t => {
	const ssh = {
		keyType: 'ed25519',
		privateKey: '/run/vmspawn/web1-0badcafe/ssh-key',
		publicKey: 'ssh-ed25519 AAAA test',
		address: {transport: 'vsock' as const, cid: 1234},
		command: ['ssh', '-i', '/run/vmspawn/web1-0badcafe/ssh-key', 'root@vsock/1234'],
	};
	t.deepEqual(describeVm({...plan, ssh}).ssh, {command: ssh.command});
	t.false('ssh' in describeVm({...plan, ssh: {...ssh, address: {transport: 'none', reason: 'no vsock'}, command: []}}));
});
