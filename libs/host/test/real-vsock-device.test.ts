import test from 'ava';
import {hostVsockDevice, realVsockDevice, vhostVsockSetGuestCid} from '../src/index.js';

test('VHOST_VSOCK_SET_GUEST_CID is _IOW(0xAF, 0x60, __u64)', t => {
	t.is(vhostVsockSetGuestCid('x64'), 0x40_08_af_60);
	t.is(vhostVsockSetGuestCid('arm64'), 0x40_08_af_60);
	t.is(vhostVsockSetGuestCid('ppc64'), 0x80_08_af_60);
});

test('the real device reports a missing node as unavailable', async t => {
	const opened = await realVsockDevice({path: '/nonexistent/vhost-vsock'}).open();
	t.like(opened, {state: 'unavailable', code: 'ENOENT'});
});

// /dev/null stands in for the device node: the ioctl really goes through koffi to libc and fails as the kernel says.
test('the ioctl reaches the kernel through koffi and its errno comes back by name', async t => {
	const device = realVsockDevice({path: '/dev/null'});
	const opened = await device.open();
	if (opened.state !== 'available') {
		t.fail(opened.reason);
		return;
	}

	t.is(device.setGuestCid(opened.value, 1234), 'ENOTTY');
	device.close(opened.value);
});

test('a vhost-vsock fd passed with sd_listen_fds is used instead of opening the node', async t => {
	// Opening hands back fd 3 without touching /dev/vhost-vsock (which this host may lack).
	const device = hostVsockDevice({LISTEN_PID: String(process.pid), LISTEN_FDS: '1', LISTEN_FDNAMES: 'vhost-vsock'});
	t.like(await device.open(), {state: 'available', value: 3});
});
