import test from 'ava';
import type {Section} from '@vmspawn/plan';
import {REGISTER_MACHINE_SIGNATURE, machineIdentity, registerMachineArgs, uuidBytes} from '../src/index.js';

test('the machine UUID goes as its 16 bytes, in order', t => {
	t.deepEqual(
		uuidBytes('0123abcd-4567-89ef-0011-223344556677'),
		Buffer.from([0x01, 0x23, 0xab, 0xcd, 0x45, 0x67, 0x89, 0xef, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]),
	);
	t.is(uuidBytes('0123ABCD456789ef0011223344556677').toString('hex'), '0123abcd456789ef0011223344556677');
});

test('without --uuid the id is 16 zero bytes, which machined takes as none', t => {
	t.deepEqual(uuidBytes(undefined), Buffer.alloc(16));
});

test('something that is not a UUID is a programming error, not a silent zero id', t => {
	t.throws(() => uuidBytes('0123'), {message: 'not a UUID: 0123'});
});

test('RegisterMachine gets name, id, service, class vm, the leader and the root directory of a directory boot', t => {
	t.is(REGISTER_MACHINE_SIGNATURE, 'sayssus');
	const [name, id, service, machineClass, leader, root] = registerMachineArgs(
		{name: 'web1', uuid: 'ffffffff-0000-0000-0000-000000000001', rootDirectory: '/srv/web1'},
		4242,
	);
	t.is(name, 'web1');
	t.is(id.toString('hex'), 'ffffffff000000000000000000000001');
	t.is(service, 'vmspawn-run');
	t.is(machineClass, 'vm');
	t.is(leader, 4242);
	t.is(root, '/srv/web1');
});

test('an image or kernel boot registers no root directory', t => {
	const args = registerMachineArgs({name: 'img'}, 7);
	t.is(args[5], '');
	t.deepEqual(args[1], Buffer.alloc(16));
});

test('a plan gives the name, the UUID when there is one, and the root directory only for a directory boot', t => {
	const machine = {name: 'web1', arch: 'x86_64', type: 'q35', cpus: '1', ramMiB: 2048, accelerator: 'tcg'} as const satisfies Section<'machine'>;
	const directory = {
		root: {
			kind: 'directory',
			path: '/srv/web1',
			tag: 'root',
			share: {socket: '/run/x.sock', helper: {name: 'virtiofsd', argv: ['virtiofsd'], socket: '/run/x.sock'}},
		},
		shares: [],
		extraDrives: [],
		kernelArgs: [],
	} as const satisfies Section<'fs'>;
	const image = {
		root: {kind: 'image', path: '/srv/web1.raw', format: 'raw', blockDevice: false, discard: true},
		shares: [],
		extraDrives: [],
		kernelArgs: [],
	} as const satisfies Section<'fs'>;
	t.deepEqual(machineIdentity({machine, fs: directory}), {name: 'web1', rootDirectory: '/srv/web1'});
	t.deepEqual(machineIdentity({machine: {...machine, uuid: '0123abcd-4567-89ef-0011-223344556677'}, fs: image}), {
		name: 'web1',
		uuid: '0123abcd-4567-89ef-0011-223344556677',
	});
});
