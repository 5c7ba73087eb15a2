import {openSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {STATUS_FORMAT_VERSION, type VmStatus} from '@vmspawn/plan';
import {readStatusFile, statusFilePath, writeStatusFile} from '../src/index.js';

async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-status-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

function status(runtimeDir: string, change: Partial<VmStatus> = {}): VmStatus {
	return {
		version: STATUS_FORMAT_VERSION,
		name: 'web1',
		state: 'starting',
		startedAt: new Date().toISOString(),
		pid: process.pid,
		pidStartTime: 1,
		runtimeDir,
		helpers: [],
		sockets: {qmp: join(runtimeDir, 'qmp.sock')},
		console: 'headless',
		root: {kind: 'image', path: '/srv/web1.raw'},
		...change,
	};
}

test('a written status reads back the same, 0644, with no temporary file left', async t => {
	const directory = await scratch(t);
	const written = status(directory, {state: 'running', qemu: {pid: 77}, helpers: [{name: 'swtpm', pid: 78}]});
	writeStatusFile(directory, written);
	t.deepEqual(readStatusFile(directory), written);
	t.is(statSync(statusFilePath(directory)).mode & 0o777, 0o644);
	t.deepEqual(readdirSync(directory), ['status.json']);
});

test('a rewrite replaces the file whole: a reader of the old one still reads all of the old one', async t => {
	const directory = await scratch(t);
	writeStatusFile(directory, status(directory));
	// An fd opened before the rewrite keeps the old inode; a rewrite in place would truncate it under the reader.
	const reader = openSync(statusFilePath(directory), 'r');
	writeStatusFile(directory, status(directory, {state: 'stopping'}));
	t.is((JSON.parse(readFileSync(reader, 'utf8')) as VmStatus).state, 'starting');
	t.is(readStatusFile(directory)?.state, 'stopping');
});

test('a missing, garbled or foreign status file reads as none', async t => {
	const directory = await scratch(t);
	t.is(readStatusFile(directory), undefined);
	writeFileSync(statusFilePath(directory), '{"name": "web1", "sta');
	t.is(readStatusFile(directory), undefined);
	writeFileSync(statusFilePath(directory), '{"name": "web1"}');
	t.is(readStatusFile(directory), undefined);
});
