import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {createLogger} from '@vmspawn/cli';
import {runVm} from '../src/index.js';

const fakeQemu = fileURLToPath(new URL('fixtures/fake-qemu-reads-once.mjs', import.meta.url));
const log = createLogger('test', true);

// The preparation step that writes the credential files, as vmspawn-run's does.
function writeCredentials(directory: string): () => Promise<void> {
	return async () => {
		await mkdir(directory, {mode: 0o700});
		await writeFile(join(directory, 'secret'), 'value', {mode: 0o600});
	};
}

// Secrets should not sit on disk for a guest's whole life once qemu has them in memory.
test('the credential files are removed while qemu runs, as soon as it answers on its monitor', async t => {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-start-only-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	const runtimeDir = join(directory, 'run');
	const credentials = join(runtimeDir, 'credentials');
	const result = await runVm({
		runtimeDir,
		qemuArgv: [process.execPath, fakeQemu, join(runtimeDir, 'qmp-events.sock'), credentials],
		helpers: [],
		prepare: [writeCredentials(credentials)],
		qmpSocket: join(runtimeDir, 'qmp.sock'),
		startOnlyFiles: [credentials],
		consoleInput: 'ignore',
		log,
	});
	// The stand-in qemu exits 0 only when it saw the directory go while it ran.
	t.deepEqual(result, {exitCode: 0});
});

test('without a monitor to answer, the credential files stay until the run ends', async t => {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-start-only-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	const runtimeDir = join(directory, 'run');
	const credentials = join(runtimeDir, 'credentials');
	const result = await runVm({
		runtimeDir,
		qemuArgv: ['/bin/sh', '-c', `sleep 0.3; test -e ${credentials}/secret`],
		helpers: [],
		prepare: [writeCredentials(credentials)],
		startOnlyFiles: [credentials],
		consoleInput: 'ignore',
		log,
	});
	t.deepEqual(result, {exitCode: 0});
});
