import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {runtimeDirsOf} from '../helpers/leaks.js';
import {privateCopy, scratchDir} from '../helpers/scratch.js';
import {toolPath} from '../helpers/tools.js';

// Debian's mkosi itself, unpacked (never installed) and run with the host's python3, boots the
// project's UEFI test image through `systemd-vmspawn` = the built vmspawn-run: trixie's 25.3 (what
// distributions ship) and sid's newest (which asks --firmware=describe first and passes
// --efi-nvram-template, --firmware-features, --load-credential).
const repository = fileURLToPath(new URL('../..', import.meta.url));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

type Mkosi = {suite: string; modules: string; version: string};

async function fetchMkosi(suite: string): Promise<Mkosi> {
	const {stdout} = await execa('bash', [join(repository, 'e2e/guest/fetch-mkosi.sh'), suite], {stderr: 'inherit'});
	const modules = stdout.trim().split('\n').at(-1)!;
	const version = await execa('/usr/bin/python3', ['-m', 'mkosi', '--version'], {env: {...process.env, PYTHONPATH: modules}, reject: false});
	return {suite, modules, version: version.exitCode === 0 ? version.stdout.trim() : `unusable: ${version.stderr.trim().split('\n').at(-1)}`};
}

// Decided up front, so that a sid mkosi this host's python cannot run is a visible skip, not a pass.
const mkoses = await Promise.all(['trixie', 'sid'].map(fetchMkosi));

// mkosi looks for systemd-vmspawn only in ExtraSearchPaths= and /usr/bin:/usr/sbin, and asks its
// --version in a sandbox that shows little more than /usr and those paths: the link's directory and
// the checkout it points into are both named.
function mkosiProject(project: string, bin: string, marker: string, name: string): string {
	writeFileSync(
		join(project, 'mkosi.conf'),
		[
			'[Distribution]',
			'Distribution=debian',
			'Release=trixie',
			'',
			'[Output]',
			'Format=disk',
			`Output=${name}`,
			'',
			// Never build: the image below is the output, and no repository is asked for anything.
			'[Build]',
			'CacheOnly=always',
			`ExtraSearchPaths=${bin},${repository}`,
			'',
			'[Runtime]',
			'VirtualMachineMonitor=vmspawn',
			'RAM=256M',
			'CPUs=1',
			'TPM=no',
			'VSock=no',
			'Register=no',
			'Console=native',
			`KernelCommandLineExtra=${marker} quiet no_timer_check ${guestScript('echo mkosi-vm-script-ran')}`,
			'',
		].join('\n'),
	);
	mkdirSync(join(project, 'mkosi.output'));
	return join(project, 'mkosi.output');
}

for (const mkosi of mkoses) {
	const title = `${mkosi.version} (Debian ${mkosi.suite}): its own \`mkosi vm\` boots the test image through systemd-vmspawn, holding its lock on the image`;
	(mkosi.version.startsWith('unusable') ? test.skip : test)(title, async t => bootWithMkosi(t, mkosi));
}

async function bootWithMkosi(t: ExecutionContext, {suite, modules}: Mkosi): Promise<void> {
	const name = `mkosi-e2e-${suite}`;
	const guest = await guestDir();
	const dir = scratchDir(t);
	const bin = join(dir, 'bin');
	mkdirSync(bin);
	symlinkSync(toolPath('vmspawn-run'), join(bin, 'systemd-vmspawn'));
	const project = join(dir, 'project');
	mkdirSync(project);
	const marker = `vmspawn.e2e=mkosi-vm-${process.pid}`;
	const output = mkosiProject(project, bin, marker, name);
	const image = privateCopy(join(guest, 'disk.raw'), output, `${name}.raw`);
	symlinkSync(`${name}.raw`, join(output, name));
	const before = sha256(image);

	const result = await execa('/usr/bin/python3', ['-m', 'mkosi', 'vm'], {
		cwd: project,
		env: {...process.env, PYTHONPATH: modules},
		reject: false,
		stdin: 'ignore',
		timeout: 300_000,
	});
	t.is(result.exitCode, 0, `${result.stderr}\n${result.stdout}`);
	const report = parseGuestReport(String(result.stdout));
	t.true(report.cmdlineArgs.includes(marker), 'KernelCommandLineExtra= arrived');
	for (const word of ['rw', 'systemd.wants=network.target', 'module_blacklist=vmw_vmci']) {
		t.true(report.cmdlineArgs.includes(word), `mkosi's ${word}`);
	}

	t.true(
		report.smbios11.some(text => text.startsWith('io.systemd.credential.binary:firstboot.locale=')),
		"mkosi's credential",
	);
	t.regex(report.scriptOutput ?? '', /mkosi-vm-script-ran/);
	t.is(sha256(image), before, 'the image is unchanged');
	t.deepEqual(runtimeDirsOf(name), []);
}
