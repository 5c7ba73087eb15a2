import test from 'ava';
import {vsockArgs} from '../src/index.js';

test('the vsock device names the guest CID and the vhost fd', t => {
	t.deepEqual(vsockArgs(3_189_503_731, 7), ['-device', 'vhost-vsock-pci,guest-cid=3189503731,vhostfd=7']);
});
