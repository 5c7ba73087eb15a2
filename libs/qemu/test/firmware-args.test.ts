import test from 'ava';
import type {Section} from '@vmspawn/plan';
import {firmwareArgs} from '../src/index.js';

const secure: Section<'firmware'> = {
	descriptor: '/usr/share/qemu/firmware/50-edk2-x86_64-secure.json',
	description: 'UEFI firmware for x86_64, with Secure Boot and SMM, empty varstore',
	device: 'flash',
	code: {path: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd', format: 'raw'},
	varsTemplate: {path: '/usr/share/OVMF/OVMF_VARS_4M.fd', format: 'raw'},
	secureBoot: true,
	requiresSmm: true,
	features: ['requires-smm', 'secure-boot'],
	nvram: {path: '/run/vmspawn/vm-1/efi-vars.fd', persistent: false},
};

test('secure boot firmware gets read-only code, the SMM-protected flash and the vars copy', t => {
	t.deepEqual(firmwareArgs(secure, 'x86_64'), [
		'-drive',
		'if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd',
		'-global',
		'driver=cfi.pflash01,property=secure,value=on',
		'-drive',
		'file=/run/vmspawn/vm-1/efi-vars.fd,if=pflash,format=raw',
	]);
});

test('firmware without SMM gets its vars but no secure flash', t => {
	const plain = {...secure, secureBoot: false, requiresSmm: false, features: []};
	t.deepEqual(firmwareArgs(plain, 'x86_64'), [
		'-drive',
		'if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd',
		'-drive',
		'file=/run/vmspawn/vm-1/efi-vars.fd,if=pflash,format=raw',
	]);
});

test('the secure flash property is only set on architectures with SMM', t => {
	t.false(firmwareArgs(secure, 'aarch64').includes('-global'));
});

test('commas in paths are doubled', t => {
	const args = firmwareArgs({...secure, code: {path: '/fw/a,b.fd', format: 'raw'}, nvram: {path: '/state/x,y.fd', persistent: true}}, 'x86_64');
	t.is(args[1], 'if=pflash,format=raw,readonly=on,file=/fw/a,,b.fd');
	t.is(args.at(-1), 'file=/state/x,,y.fd,if=pflash,format=raw');
});

test('the vars drive uses the template format', t => {
	const args = firmwareArgs({...secure, code: {path: '/fw/code.qcow2', format: 'qcow2'}, varsTemplate: {path: '/fw/vars.qcow2', format: 'qcow2'}}, 'x86_64');
	t.is(args[1], 'if=pflash,format=qcow2,readonly=on,file=/fw/code.qcow2');
	t.is(args.at(-1), 'file=/run/vmspawn/vm-1/efi-vars.fd,if=pflash,format=qcow2');
});

test('stateless firmware gets only the code drive', t => {
	const {nvram: _nvram, varsTemplate: _template, ...stateless} = secure;
	t.deepEqual(firmwareArgs(stateless, 'x86_64'), ['-drive', 'if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd']);
});

test('memory-mapped firmware is loaded with -bios', t => {
	const {nvram: _nvram, varsTemplate: _template, ...rest} = secure;
	t.deepEqual(firmwareArgs({...rest, device: 'memory', code: {path: '/fw/OVMF.amdsev,x.fd', format: 'raw'}}, 'x86_64'), ['-bios', '/fw/OVMF.amdsev,x.fd']);
});
