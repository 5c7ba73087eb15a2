import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {main} from '../src/index.js';
import {fixtureDirs, fixtureEnv} from './helpers.js';
import {completeInBash, completionSyntaxTests, runInProcess} from '@vmspawn/testing';

async function script(shell: string): Promise<string> {
	return (await runInProcess(async io => main([`--completion=${shell}`], io), {env: fixtureEnv})).stdout;
}

const bash = await script('bash');
const complete = async (...words: string[]) => completeInBash(bash, ['vmspawn-firmware', ...words]);

test("the commands in the first argument's place, options anywhere", async t => {
	t.deepEqual(await complete(''), ['select', 'list', 'describe']);
	t.deepEqual(await complete('l'), ['list']);
	t.deepEqual(await complete('list', '--js'), ['--json']);
	t.deepEqual(await complete('list', ''), []);
	t.deepEqual(await complete('--secure-boot', '='), ['yes', 'no', 'auto']);
});

test('--firmware= offers the descriptors vmspawn-firmware --firmware=list prints', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-firmware-completion-'));
	try {
		mkdirSync(join(directory, 'bin'));
		// The command on PATH runs this package's source (tsx by its full address: completion runs anywhere).
		const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
		writeFileSync(
			join(directory, 'bin', 'vmspawn-firmware'),
			`#!/bin/sh\nexec '${process.execPath}' --import='${import.meta.resolve('tsx')}' --conditions=@vmspawn/source '${cli}' "$@"\n`,
		);
		chmodSync(join(directory, 'bin', 'vmspawn-firmware'), 0o755);
		const env = {...process.env, ...fixtureEnv, PATH: `${join(directory, 'bin')}:${process.env['PATH'] ?? ''}`};
		const offered = await completeInBash(bash, ['vmspawn-firmware', '--firmware', '=', '/'], {env});
		t.true(offered.includes(join(fixtureDirs[1]!, '60-plain.json')));
		t.true(offered.includes(join(fixtureDirs[0]!, '45-enrolled.json')));
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

completionSyntaxTests(test, script);
