import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {VERSION} from '@vmspawn/cli';
import {runSourceCli} from '@vmspawn/testing';
import {CLAIMED_SYSTEMD_VERSION, specForInvocation} from '../src/drop-in.js';
import {runMain} from './helpers.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

// Run through a link named systemd-vmspawn, as mkosi finds it on $PATH.
function linkedAsSystemdVmspawn(): {link: string; remove: () => void} {
	const dir = mkdtempSync(join(tmpdir(), 'vmspawn-drop-in-'));
	const link = join(dir, 'systemd-vmspawn');
	symlinkSync(cli, link);
	return {link, remove: () => rmSync(dir, {recursive: true, force: true})};
}

// mkosi's systemd_tool_version(): run([tool, "--version"]).stdout.split()[2].strip("()").
function mkosiReadsVersion(stdout: string): string {
	return stdout.split(/\s+/)[2]!.replace(/^\(+|\)+$/g, '');
}

test('as systemd-vmspawn, --version answers what mkosi parses as a systemd version of at least 256', async t => {
	const {link, remove} = linkedAsSystemdVmspawn();
	t.teardown(remove);
	const {status, stdout} = await runSourceCli(link, ['--version']);
	t.is(status, 0);
	t.is(stdout, `systemd-vmspawn ${CLAIMED_SYSTEMD_VERSION} (${CLAIMED_SYSTEMD_VERSION})\nvmspawn-ts ${VERSION} (vmspawn-run)\n`);
	const version = mkosiReadsVersion(stdout);
	t.regex(version, /^\d+$/);
	t.true(Number(version) >= 256);
});

test('as systemd-vmspawn, a bad value fails in one line under that name and starts nothing', async t => {
	const {link, remove} = linkedAsSystemdVmspawn();
	t.teardown(remove);
	const {status, stdout, stderr} = await runSourceCli(link, ['--kvm', 'maybe']);
	t.is(status, 22);
	t.is(stdout, '');
	t.is(stderr, 'systemd-vmspawn: invalid --kvm=maybe: expected a boolean (yes/no, true/false, on/off, 1/0) or auto\n');
});

test('vmspawn-run --version stays as it was', async t => {
	const {stdout} = await runMain(['--version']);
	t.is(stdout, `vmspawn-run ${VERSION}\n`);
});

test('only the exact name systemd-vmspawn switches, whatever the directory', t => {
	t.is(specForInvocation('/usr/local/bin/systemd-vmspawn').name, 'systemd-vmspawn');
	t.is(specForInvocation('/x/tools/vmspawn-run/bin/vmspawn-run.js').name, 'vmspawn-run');
	t.is(specForInvocation('/x/systemd-vmspawn.js').name, 'vmspawn-run');
	t.is(specForInvocation(undefined).name, 'vmspawn-run');
});
