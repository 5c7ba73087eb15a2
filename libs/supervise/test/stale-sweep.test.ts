import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {createLogger} from '@vmspawn/cli';
import {runVm} from '../src/index.js';

const log = createLogger('test', true);

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-sweep-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

async function deadRun(directory: string): Promise<void> {
	await mkdir(directory);
	await writeFile(join(directory, 'owner.pid'), '999999999\n');
}

// A plan's runtime.dir is not where the sweep looks: its siblings are not ours to remove.
test("a run sweeps the runtime base, never the directory around the plan's runtime.dir", async t => {
	const elsewhere = await scratch(t);
	const base = await scratch(t);
	await deadRun(join(elsewhere, 'precious-0123abcd'));
	await deadRun(join(base, 'dead-0123abcd'));
	const result = await runVm({
		runtimeDir: join(elsewhere, 'run'),
		qemuArgv: ['/bin/true'],
		helpers: [],
		prepare: [],
		consoleInput: 'ignore',
		env: {VMSPAWN_RUNTIME_DIR: base},
		log,
	});
	t.is(result.exitCode, 0);
	t.true(existsSync(join(elsewhere, 'precious-0123abcd', 'owner.pid')));
	t.false(existsSync(join(base, 'dead-0123abcd')));
});
