import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {readGuestNotification} from '../src/index.js';

async function notification(t: {teardown(fn: () => Promise<void>): void}, text: string) {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-notify-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	await writeFile(join(directory, 'notify'), text);
	return readGuestNotification(join(directory, 'notify'));
}

test('the last EXIT_STATUS the guest sent counts, with READY and STATUS', async t => {
	t.deepEqual(await notification(t, 'READY=1\nSTATUS=booting=yes\nEXIT_STATUS=3\r\nEXIT_STATUS=42\n'), {ready: true, status: 'booting=yes', exitStatus: 42});
});

test('statuses outside 0..255 and garbage are ignored', async t => {
	t.deepEqual(await notification(t, 'EXIT_STATUS=256\nEXIT_STATUS=-1\nEXIT_STATUS=x\nnoise'), {ready: false});
});

test('no file means the guest sent nothing', async t => {
	t.deepEqual(await readGuestNotification('/nonexistent/notify'), {ready: false});
});
