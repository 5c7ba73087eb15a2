import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {validatePlan} from '@vmspawn/plan';
import {scratchDir} from '../helpers/scratch.js';
import {toolPath} from '../helpers/tools.js';

test('the five tools compose in a shell pipeline, each adding its own section, into the same qemu argv', async t => {
	const scratch = scratchDir(t);
	const root = join(scratch, 'root');
	const data = join(scratch, 'data');
	mkdirSync(root);
	mkdirSync(data);
	const tool = (name: string) => `node ${toolPath(name as 'vmspawn-run')}`;
	const pipeline = [
		`${tool('vmspawn-firmware')} select -q --secure-boot=no -M web1`,
		`${tool('vmspawn-cid')} -M web1 --vsock=no`,
		`${tool('vmspawn-tpm')} --tpm=yes --tpm-state=off`,
		`${tool('vmspawn-fs')} -D ${root} --bind-ro=${data}:/data`,
		`${tool('vmspawn-run')} --dry-run -q -M web1 --linux=/boot/vmlinuz --ram=1G quiet`,
	].join(' | ');
	const result = await execa('bash', ['-o', 'pipefail', '-c', pipeline], {reject: false, env: {...process.env, VMSPAWN_RUNTIME_DIR: join(scratch, 'run')}});
	t.is(result.exitCode, 0, String(result.stderr));
	const {plan, argv, helpers} = JSON.parse(String(result.stdout)) as {plan: unknown; argv: string[]; helpers: Array<{name: string}>};
	const checked = validatePlan(plan);
	t.is(checked.machine?.name, 'web1');
	t.is(checked.firmware?.code.path, '/usr/share/OVMF/OVMF_CODE_4M.fd');
	t.false(checked.vsock?.enabled);
	t.true(checked.tpm?.enabled);
	t.is(checked.fs?.root.path, root);
	t.deepEqual(
		helpers.map(helper => helper.name),
		['swtpm', 'virtiofsd-root', 'virtiofsd-mnt0'],
	);
	t.true(argv.includes('tpm-tis,tpmdev=tpm0'));
	t.true(argv.includes('if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd'));
	t.true(argv.some(argument => argument.endsWith('systemd.mount-extra="mnt0:/data:virtiofs:ro"')));
	t.is(argv[argv.indexOf('-m') + 1], '1024M');
});

test('a stage answers a malformed plan on stdin with one line and exit 22', async t => {
	const result = await execa('bash', ['-c', `echo '{"version":"1.0","tpm":{"enabled":"maybe"}}' | node ${toolPath('vmspawn-fs')} -D /`], {reject: false});
	t.is(result.exitCode, 22);
	t.regex(String(result.stderr), /^vmspawn-fs: plan\.tpm\.enabled: expected boolean, got "maybe"$/m);
	t.is(String(result.stderr).trim().split('\n').length, 1);
});
