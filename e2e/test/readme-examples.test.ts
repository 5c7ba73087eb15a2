import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {scratchDir} from '../helpers/scratch.js';
import {type ToolName, toolPath} from '../helpers/tools.js';

const tools: ToolName[] = ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run'];

/** The shell blocks of the README that follow an `<!-- example: NAME -->` marker. */
function readmeExamples(): Map<string, string> {
	const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
	const examples = new Map<string, string>();
	for (const match of readme.matchAll(/<!-- example: ([\w-]+) -->\n```sh\n([\s\S]*?)```/g)) {
		examples.set(match[1]!, match[2]!);
	}

	return examples;
}

// The directory the README describes, and the five commands on PATH as after `npm link`.
async function runExample(t: ExecutionContext, script: string) {
	const guest = await guestDir();
	const cwd = scratchDir(t);
	mkdirSync(join(cwd, 'root'));
	symlinkSync(join(guest, 'vmlinuz'), join(cwd, 'vmlinuz'));
	symlinkSync(join(guest, 'initrd.img'), join(cwd, 'initrd.img'));
	const bin = join(cwd, '.bin');
	mkdirSync(bin);
	for (const tool of tools) {
		writeFileSync(join(bin, tool), `#!/bin/sh\nexec node ${toolPath(tool)} "$@"\n`, {mode: 0o755});
	}

	return execa('bash', ['-euo', 'pipefail', '-c', script], {
		cwd,
		reject: false,
		stdin: 'ignore',
		timeout: 240_000,
		env: {...process.env, PATH: `${bin}:${process.env['PATH']}`},
	});
}

const examples = readmeExamples();

test('the README has the examples this file runs', t => {
	t.deepEqual([...examples.keys()], ['jq-edits-a-plan', 'a-script-is-a-stage', 'inspect-the-qemu-command']);
});

test('README: jq edits a plan between two stages, and the guest sees the edit', async t => {
	const result = await runExample(t, examples.get('jq-edits-a-plan')!);
	t.is(result.exitCode, 0, String(result.stderr));
	t.true(parseGuestReport(String(result.stdout)).cmdline.split(' ').includes('readme.example=jq'));
});

test('README: a script stands in for two stages, and the VM boots without vsock or firmware', async t => {
	const result = await runExample(t, examples.get('a-script-is-a-stage')!);
	t.is(result.exitCode, 0, String(result.stderr));
	const report = parseGuestReport(String(result.stdout));
	t.is(report.vsock, false);
	t.is(report.rootMarker, false, 'the empty ./root has no marker file');
});

test('README: the dry run shows the qemu command line and the helpers', async t => {
	const result = await runExample(t, examples.get('inspect-the-qemu-command')!);
	t.is(result.exitCode, 0, String(result.stderr));
	const [argv, ...helpers] = String(result.stdout).trim().split('\n');
	t.regex(argv!, /^\/\S*qemu-system-x86_64 .*-kernel \.?\/?\S*vmlinuz/);
	t.true(
		helpers.some(line => /^helper virtiofsd-root: \/\S+virtiofsd$/.test(line)),
		helpers.join('\n'),
	);
});
