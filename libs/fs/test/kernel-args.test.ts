import test from 'ava';
import {directoryRootArgs, mountExtraArg, xescape} from '../src/index.js';

test('a directory root is mounted from the virtiofs tag root', t => {
	t.deepEqual(directoryRootArgs, ['root=root', 'rootfstype=virtiofs', 'rw']);
});

test('mount-extra words carry the tag, the target and ro or rw', t => {
	t.is(mountExtraArg('mnt0', '/data', true), 'systemd.mount-extra="mnt0:/data:virtiofs:ro"');
	t.is(mountExtraArg('mnt1', '/srv/www', false), 'systemd.mount-extra="mnt1:/srv/www:virtiofs:rw"');
});

test('quotes and colons in the target are hex-escaped as systemd xescape() does', t => {
	t.is(mountExtraArg('mnt0', '/a:b"c', false), 'systemd.mount-extra="mnt0:/a\\x3ab\\x22c:virtiofs:rw"');
	t.is(xescape('/x\\y\tü', '":'), '/x\\x5cy\\x09\\xc3\\xbc');
	t.is(xescape('/plain path', '":'), '/plain path');
});
