import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {ConsoleMode} from '@vmspawn/plan';
import {main} from '../src/index.js';
import {completeInBash, completionSyntaxTests, runInProcess} from '@vmspawn/testing';

async function script(shell: string): Promise<string> {
	return (await runInProcess(async io => main([`--completion=${shell}`], io))).stdout;
}

// A real bash; the words as bash splits them (= and : are word breaks of their own).
const bash = await script('bash');
const complete = async (...words: string[]) => completeInBash(bash, ['vmspawn-run', ...words]);

test('--cons completes to --console= and --console-transport=; --console= offers every console mode', async t => {
	t.deepEqual(await complete('--cons'), ['--console=', '--console-transport=']);
	t.deepEqual(await complete('--console-transport', '='), ['virtio', 'serial']);
	t.deepEqual(await complete('--console', '='), [...ConsoleMode.options]);
	t.deepEqual(await complete('--console', ''), [...ConsoleMode.options]);
});

test('boolean options offer yes, no and auto; switches and value options complete differently', async t => {
	t.deepEqual(await complete('--kvm', '='), ['yes', 'no', 'auto']);
	t.deepEqual(await complete('--tpm-state', '=', 'o'), ['off']);
	t.deepEqual(await complete('--dry'), ['--dry-run']);
	t.deepEqual(await complete('--ra'), ['--ram=']);
});

test('no options after the first kernel command line word', async t => {
	t.deepEqual(await complete('--linux=/boot/vmlinuz', 'quiet', '--cons'), []);
});

test('--firmware= offers its keywords and the descriptors found, by asking vmspawn-run itself', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-run-completion-'));
	try {
		mkdirSync(join(directory, 'descriptors'));
		writeFileSync(join(directory, 'descriptors', '50-test.json'), '{}');
		mkdirSync(join(directory, 'bin'));
		mkdirSync(join(directory, 'empty'));
		// The command on PATH runs this package's source, as the installed command runs its build
		// (tsx by its full address: completion runs in whatever directory the user is in).
		const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
		writeFileSync(
			join(directory, 'bin', 'vmspawn-run'),
			`#!/bin/sh\nexec '${process.execPath}' --import='${import.meta.resolve('tsx')}' --conditions=@vmspawn/source '${cli}' "$@"\n`,
		);
		chmodSync(join(directory, 'bin', 'vmspawn-run'), 0o755);
		const env = {...process.env, PATH: `${join(directory, 'bin')}:${process.env['PATH'] ?? ''}`, VMSPAWN_FIRMWARE_DIRS: join(directory, 'descriptors')};
		t.deepEqual(await completeInBash(bash, ['vmspawn-run', '--firmware', '=', ''], {env, cwd: join(directory, 'empty')}), [
			'auto',
			'uefi',
			'bios',
			'none',
			'describe',
			'list',
			join(directory, 'descriptors', '50-test.json'),
		]);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

completionSyntaxTests(test, script);
