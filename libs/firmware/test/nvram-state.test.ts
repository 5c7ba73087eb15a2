import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {type Plan, emptyPlan, validatePlan} from '@vmspawn/plan';
import {scratchDir} from '@vmspawn/testing';
import {type FirmwareRequest, planFirmware} from '../src/index.js';
import {selectDirs} from './fixtures.js';

const env = {VMSPAWN_RUNTIME_DIR: '/run/test-vmspawn'};

function withRoot(root: Record<string, unknown>): Plan {
	return validatePlan({version: '1.0', runtime: {dir: '/run/x/vm'}, fs: {root}});
}

const image = {kind: 'image', path: '/srv/vms/web1.raw', format: 'raw', blockDevice: false, discard: true};
const directory = {
	kind: 'directory',
	path: '/srv/trees/web1',
	tag: 'root',
	share: {socket: '/run/x/vm/root.sock', helper: {name: 'virtiofsd', argv: ['/usr/libexec/virtiofsd']}},
};

function nvram(request: Partial<FirmwareRequest>, incoming: Plan = emptyPlan()) {
	return planFirmware(incoming, {arch: 'x86_64', directories: selectDirs, env, ...request}).section.nvram;
}

test('auto (the default) keeps the variables beside the root image or directory, as upstream', t => {
	t.deepEqual(nvram({}, withRoot(image)), {path: '/srv/vms/web1.raw.efinvramstate', persistent: true});
	t.deepEqual(nvram({efiNvramState: 'auto'}, withRoot(directory)), {path: '/srv/trees/web1.efinvramstate', persistent: true});
	t.deepEqual(nvram({efiNvramState: ''}, withRoot(image)), {path: '/srv/vms/web1.raw.efinvramstate', persistent: true});
});

test('auto without a root, with a block device or an ephemeral root is a per-run copy: such state must not persist', t => {
	t.is(nvram({})?.persistent, false);
	t.deepEqual(nvram({}, withRoot({...image, blockDevice: true})), {path: '/run/x/vm/efi-vars.fd', persistent: false});
	t.deepEqual(nvram({}, withRoot({...image, ephemeral: {overlay: '/run/x/vm/root.qcow2'}})), {path: '/run/x/vm/efi-vars.fd', persistent: false});
});

test('off is a per-run copy even beside a root', t => {
	t.deepEqual(nvram({efiNvramState: 'off'}, withRoot(image)), {path: '/run/x/vm/efi-vars.fd', persistent: false});
});

test("--efi-nvram-template takes the place of the descriptor's template, in its format", t => {
	const template = join(scratchDir(t), 'my-keys.fd');
	writeFileSync(template, 'vars');
	const {section} = planFirmware(withRoot(image), {arch: 'x86_64', directories: selectDirs, env, efiNvramTemplate: template});
	t.deepEqual(section.varsTemplate, {path: template, format: 'raw'});
	t.is(section.nvram?.path, '/srv/vms/web1.raw.efinvramstate');
});

test('--efi-nvram-template that is not a file: one line naming it', t => {
	const dir = scratchDir(t);
	mkdirSync(join(dir, 'keys'));
	t.throws(() => nvram({efiNvramTemplate: join(dir, 'keys')}), {
		instanceOf: UsageError,
		message: `invalid --efi-nvram-template=${join(dir, 'keys')}: not a regular file`,
	});
	const missing = t.throws(() => nvram({efiNvramTemplate: join(dir, 'none.fd')}), {instanceOf: CliError});
	t.is(missing?.exitCode, 2);
	t.regex(missing?.message ?? '', /^cannot use --efi-nvram-template=\S+none\.fd: ENOENT: no such file or directory/);
	t.throws(() => nvram({efiNvramTemplate: 'keys.fd'}), {
		instanceOf: UsageError,
		message: "invalid --efi-nvram-template=keys.fd: absolute path or path starting with './' required",
	});
});

test("stateless firmware refuses a template of the user's too", t => {
	const template = join(scratchDir(t), 'my-keys.fd');
	writeFileSync(template, 'vars');
	t.throws(() => nvram({firmwareFeatures: ['verbose-static'], efiNvramTemplate: template}), {message: /^invalid --efi-nvram-template=.*keeps no variables/});
});
