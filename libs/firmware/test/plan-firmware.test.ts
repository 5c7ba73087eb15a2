import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {emptyPlan, validatePlan} from '@vmspawn/plan';
import {type FirmwareRequest, planFirmware} from '../src/index.js';
import {fixture, selectDirs} from './fixtures.js';

const env = {VMSPAWN_RUNTIME_DIR: '/run/test-vmspawn'};

function plan(request: Partial<FirmwareRequest> = {}, incoming = emptyPlan()) {
	return planFirmware(incoming, {arch: 'x86_64', directories: selectDirs, env, ...request});
}

test('the section describes the selected descriptor and a per-run vars copy', t => {
	const {plan: result, section} = plan({machineName: 'web1'});
	t.like(section, {
		descriptor: fixture('select/50-secure.json'),
		description: 'UEFI with Secure Boot',
		device: 'flash',
		code: {path: '/fixtures/ovmf/CODE.secboot.fd', format: 'raw'},
		varsTemplate: {path: '/fixtures/ovmf/VARS.fd', format: 'raw'},
		secureBoot: true,
		requiresSmm: true,
		features: ['requires-smm', 'secure-boot'],
		nvram: {persistent: false},
	});
	t.regex(result.runtime!.dir, /^\/run\/test-vmspawn\/web1-[0-9a-f]{8}$/);
	t.is(section.nvram!.path, `${result.runtime!.dir}/efi-vars.fd`);
});

test('an existing runtime directory and machine section are used, other sections kept', t => {
	const incoming = validatePlan({
		version: '1.0',
		runtime: {dir: '/run/x/vm'},
		machine: {name: 'vm', arch: 'x86_64', type: 'pc', cpus: '1', ramMiB: 512, accelerator: 'tcg'},
		custom: 1,
	});
	const {plan: result, section} = planFirmware(incoming, {directories: selectDirs, env});
	t.is(result.runtime, incoming.runtime);
	t.is(result['custom'], 1);
	t.is(section.descriptor, fixture('select/25-i440fx.json'), 'machine type pc from the plan');
	t.is(section.nvram!.path, '/run/x/vm/efi-vars.fd');
});

test('--efi-nvram-state makes the store persistent and needs no runtime directory', t => {
	const {plan: result, section} = plan({efiNvramState: './vm.efivars', cwd: '/srv/vms'});
	t.deepEqual(section.nvram, {path: '/srv/vms/vm.efivars', persistent: true});
	t.is(result.runtime, undefined);
	t.throws(() => plan({efiNvramState: 'vm.efivars'}), {
		instanceOf: UsageError,
		message: "invalid --efi-nvram-state=vm.efivars: absolute path or path starting with './' required",
	});
});

test('stateless firmware has no store, and refuses --efi-nvram-state', t => {
	const {section} = plan({firmwareFeatures: ['verbose-static']});
	t.is(section.descriptor, fixture('select/70-stateless.json'));
	t.is(section.nvram, undefined);
	t.is(section.varsTemplate, undefined);
	t.throws(() => plan({firmwareFeatures: ['verbose-static'], efiNvramState: '/x'}), {instanceOf: CliError, message: /keeps no variables/});
});

test('secure boot yes without matching firmware fails with ENOENT, never falls back', t => {
	const error = t.throws(() => plan({arch: 'aarch64', machineType: 'virt', secureBoot: 'yes'}), {instanceOf: CliError});
	t.is(error?.exitCode, 2);
	t.regex(error?.message ?? '', /^no UEFI firmware for aarch64 \(machine type virt\) with secure-boot, without enrolled-keys among 10 descriptors in /);
});

test('an empty search path says so', t => {
	t.throws(() => plan({directories: ['/nonexistent']}), {message: /no firmware descriptors in \/nonexistent \(on Debian: apt install ovmf\)$/});
});

test('broken descriptors become warnings', t => {
	const {warnings} = plan();
	t.is(warnings.length, 2);
	t.regex(warnings[0]!, /^ignoring firmware descriptor .*10-broken\.json: not valid JSON/);
});

test('--firmware names one descriptor, used without filtering', t => {
	const {section, warnings} = plan({firmware: fixture('select/30-memory.json'), firmwareFeatures: ['secure-boot']});
	t.like(section, {device: 'memory', code: {path: '/fixtures/ovmf/OVMF.amdsev.fd', format: 'raw'}, secureBoot: false});
	t.is(section.nvram, undefined);
	t.deepEqual(warnings, []);
	t.is(plan({firmware: './40-enrolled.json', cwd: fixture('select')}).section.descriptor, fixture('select/40-enrolled.json'));
});

test('--firmware must be absolute or start with ./', t => {
	t.throws(() => plan({firmware: 'select/50-secure.json'}), {
		instanceOf: UsageError,
		message: "invalid --firmware=select/50-secure.json: absolute path or path starting with './' required",
	});
});

test('a named descriptor that cannot load is fatal', t => {
	t.throws(() => plan({firmware: fixture('select/10-broken.json')}), {
		instanceOf: CliError,
		message: /^cannot use firmware descriptor .*10-broken\.json: not valid JSON/,
	});
	t.is(t.throws(() => plan({firmware: '/nonexistent.json'}), {instanceOf: CliError})?.exitCode, 2);
});

test('a named descriptor without secure boot fails --secure-boot=yes', t => {
	const error = t.throws(() => plan({firmware: fixture('select/60-plain.json'), secureBoot: 'yes'}), {instanceOf: CliError});
	t.is(error?.exitCode, 95, "EOPNOTSUPP, not upstream's EMEDIUMTYPE (124), which timeout(1) uses");
	t.is(plan({firmware: fixture('select/50-secure.json'), secureBoot: 'no'}).warnings.length, 1);
});

test('an invalid machine name or a conflicting architecture is a usage error', t => {
	t.throws(() => plan({machineName: 'a/b'}), {instanceOf: UsageError, message: 'invalid --machine=a/b: expected a valid host name'});
	const incoming = validatePlan({version: '1.0', machine: {name: 'vm', arch: 'x86_64', type: 'q35', cpus: '1', ramMiB: 512, accelerator: 'tcg'}});
	t.throws(() => plan({arch: 'aarch64'}, incoming), {instanceOf: UsageError, message: "invalid --arch=aarch64: the plan's machine is x86_64"});
});
