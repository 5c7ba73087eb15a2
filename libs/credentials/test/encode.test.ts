import test from 'ava';
import {CliError, errno} from '@vmspawn/cli';
import {credentialDelivery, credentialFileContent, fwCfgCredentialName, smbiosCredentialString} from '../src/index.js';

test("the smbios string is systemd's binary credential form, exactly", t => {
	t.is(smbiosCredentialString('firstboot.locale', Buffer.from('C.UTF-8')), 'io.systemd.credential.binary:firstboot.locale=Qy5VVEYtOA==');
	t.is(smbiosCredentialString('empty', Buffer.alloc(0)), 'io.systemd.credential.binary:empty=');
});

test('a value with nul bytes round-trips through base64', t => {
	const value = Buffer.from([0, 0, 1, 0xff, 0, 10, 0]);
	const text = smbiosCredentialString('bin', value);
	const [prefix, encoded] = text.split('=', 2) as [string, string];
	t.is(prefix, 'io.systemd.credential.binary:bin');
	t.deepEqual(Buffer.from(text.slice(prefix.length + 1), 'base64'), value);
	t.regex(encoded, /^[A-Za-z0-9+/]+=*$/);
});

test('a view into a larger buffer encodes only its own bytes', t => {
	const whole = Buffer.from('xxSECRETxx');
	t.is(smbiosCredentialString('v', whole.subarray(2, 8)), `io.systemd.credential.binary:v=${Buffer.from('SECRET').toString('base64')}`);
});

test('the smbios file holds the string without a trailing newline; the fw_cfg file the raw value', t => {
	const value = Buffer.from('line\n\0');
	t.deepEqual(credentialFileContent('smbios', 'a', value), Buffer.from(`io.systemd.credential.binary:a=${value.toString('base64')}`));
	t.deepEqual(credentialFileContent('fw_cfg', 'a', value), value);
});

test('an id with "=" cannot go into an smbios string', t => {
	const error = t.throws(() => smbiosCredentialString('a=b', Buffer.from('v')), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^Credential name 'a=b' contains '='/);
});

test('smbios on x86 and arm, fw_cfg on the others', t => {
	t.is(credentialDelivery('x86_64'), 'smbios');
	t.is(credentialDelivery('aarch64'), 'smbios');
	t.is(credentialDelivery('i386'), 'smbios');
	t.is(credentialDelivery('riscv64'), 'fw_cfg');
	t.is(credentialDelivery('s390x'), 'fw_cfg');
	t.is(credentialDelivery('unknown'), 'fw_cfg');
});

test('the fw_cfg name is at most 55 characters, else a clear error naming the credential', t => {
	const longest = 'x'.repeat(28);
	t.is(fwCfgCredentialName(longest), `opt/io.systemd.credentials/${longest}`);
	t.is(fwCfgCredentialName(longest).length, 55);
	const error = t.throws(() => fwCfgCredentialName(`${longest}y`), {instanceOf: CliError});
	t.is(
		error?.message,
		`Credential name '${longest}y' is too long for fw_cfg: opt/io.systemd.credentials/${longest}y has 56 characters, qemu allows 55; use a name of at most 28 characters`,
	);
	t.is(error?.exitCode, errno.ENAMETOOLONG);
});
