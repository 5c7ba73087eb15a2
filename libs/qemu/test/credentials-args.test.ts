import test from 'ava';
import {credentialArgs, smbiosFileArgs} from '../src/index.js';

test('an smbios credential is passed by path, never by value', t => {
	t.deepEqual(credentialArgs([{id: 'passwd.hashed-password.root', file: '/run/vmspawn/vm-1/credentials/passwd.hashed-password.root', delivery: 'smbios'}]), [
		'-smbios',
		'type=11,path=/run/vmspawn/vm-1/credentials/passwd.hashed-password.root',
	]);
});

test('an fw_cfg credential is a file under opt/io.systemd.credentials', t => {
	t.deepEqual(credentialArgs([{id: 'firstboot.locale', file: '/run/vmspawn/vm-1/credentials/firstboot.locale', delivery: 'fw_cfg'}]), [
		'-fw_cfg',
		'name=opt/io.systemd.credentials/firstboot.locale,file=/run/vmspawn/vm-1/credentials/firstboot.locale',
	]);
});

test('credentials keep their order', t => {
	const argv = credentialArgs([
		{id: 'b', file: '/run/c/b', delivery: 'smbios'},
		{id: 'a', file: '/run/c/a', delivery: 'smbios'},
		{id: 'c', file: '/run/c/c', delivery: 'fw_cfg'},
	]);
	t.deepEqual(argv, ['-smbios', 'type=11,path=/run/c/b', '-smbios', 'type=11,path=/run/c/a', '-fw_cfg', 'name=opt/io.systemd.credentials/c,file=/run/c/c']);
});

test('commas in ids and paths are doubled', t => {
	t.deepEqual(credentialArgs([{id: 'a,b', file: '/run/x,y/a,b', delivery: 'fw_cfg'}]), ['-fw_cfg', 'name=opt/io.systemd.credentials/a,,b,file=/run/x,,y/a,,b']);
	t.deepEqual(credentialArgs([{id: 'a,b', file: '/run/x,y/a,b', delivery: 'smbios'}]), ['-smbios', 'type=11,path=/run/x,,y/a,,b']);
});

test('an fw_cfg name longer than 55 characters is refused, naming the credential', t => {
	const id28 = 'x'.repeat(28);
	t.is(credentialArgs([{id: id28, file: '/run/c/x', delivery: 'fw_cfg'}])[1], `name=opt/io.systemd.credentials/${id28},file=/run/c/x`);
	const error = t.throws(() => credentialArgs([{id: `${id28}y`, file: '/run/c/x', delivery: 'fw_cfg'}]), {instanceOf: RangeError});
	t.regex(error?.message ?? '', /credential 'x{28}y' is too long for fw_cfg: .* has 56 characters, qemu allows 55/);
});

test('a long id is fine over smbios', t => {
	t.is(credentialArgs([{id: 'x'.repeat(255), file: '/run/c/x', delivery: 'smbios'}]).length, 2);
});

test('no credentials, no arguments', t => {
	t.deepEqual(credentialArgs([]), []);
});

test('any SMBIOS string file can be passed by path', t => {
	t.deepEqual(smbiosFileArgs('/run/vm/smbios/io.systemd.stub.kernel-cmdline-extra'), [
		'-smbios',
		'type=11,path=/run/vm/smbios/io.systemd.stub.kernel-cmdline-extra',
	]);
});
