import test from 'ava';
import {networkArgs} from '../src/index.js';

test('no network section or mode none gives the guest no nic at all', t => {
	t.deepEqual(networkArgs(undefined), ['-nic', 'none']);
	t.deepEqual(networkArgs({mode: 'none'}), ['-nic', 'none']);
});

test("user mode is a virtio nic on qemu's user-mode stack", t => {
	t.deepEqual(networkArgs({mode: 'user', ports: []}), ['-nic', 'user,model=virtio-net-pci']);
});

test('each forward becomes a hostfwd on its host address, the guest address left to slirp', t => {
	t.deepEqual(
		networkArgs({
			mode: 'user',
			ports: [
				{protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: 2222, guestPort: 22},
				{protocol: 'udp', hostAddress: '0.0.0.0', hostPort: 5353, guestPort: 53},
			],
		}),
		['-nic', 'user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:2222-:22,hostfwd=udp:0.0.0.0:5353-:53'],
	);
});

test('a tap nic names the interface, runs no ifup scripts and carries the mac', t => {
	t.deepEqual(networkArgs({mode: 'tap', ifname: 'vt-web1', mac: '7e:84:51:e7:be:35'}), [
		'-nic',
		'tap,ifname=vt-web1,script=no,downscript=no,model=virtio-net-pci,mac=7e:84:51:e7:be:35',
	]);
});

test('a comma in a tap name from a hand-written plan is escaped', t => {
	t.is(
		networkArgs({mode: 'tap', ifname: 'vt-a,b', mac: '02:00:00:00:00:01'})[1],
		'tap,ifname=vt-a,,b,script=no,downscript=no,model=virtio-net-pci,mac=02:00:00:00:00:01',
	);
});
