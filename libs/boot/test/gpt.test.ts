import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {readGptPartitions, rootArgumentFor} from '../src/index.js';

function disk(t: {teardown(fn: () => void): void}, script: string): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-gpt-test-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const path = join(directory, 'disk.raw');
	writeFileSync(path, Buffer.alloc(0));
	execFileSync('truncate', ['-s', '8M', path]);
	execFileSync('sfdisk', ['--quiet', path], {input: script});
	return path;
}

test('the root partition of a GPT image gives root=PARTUUID=', async t => {
	const path = disk(t, 'label: gpt\nsize=2M, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=11111111-2222-3333-4444-555555555555\nsize=2M, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE, name="root-x86-64"\n');
	const partitions = await readGptPartitions(path);
	t.deepEqual(partitions?.[1], {type: '4f68bce3-e8cd-4db1-96e7-fbcaf984b709', uuid: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', name: 'root-x86-64'});
	t.is(rootArgumentFor(partitions!, 'x86_64'), 'root=PARTUUID=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
});

test('an image with only /usr gives mount.usr=PARTUUID=, with neither nothing', async t => {
	const usr = disk(t, 'label: gpt\nsize=2M, type=8484680C-9521-48C6-9C11-B0720656F69E, uuid=12345678-1234-1234-1234-123456789abc\n');
	t.is(rootArgumentFor((await readGptPartitions(usr))!, 'x86_64'), 'mount.usr=PARTUUID=12345678-1234-1234-1234-123456789abc');
	const other = disk(t, 'label: gpt\nsize=2M, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n');
	t.is(rootArgumentFor((await readGptPartitions(other))!, 'x86_64'), undefined);
});

test('a file without a GPT has no partitions', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-gpt-test-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	writeFileSync(join(directory, 'blank'), Buffer.alloc(4096));
	t.is(await readGptPartitions(join(directory, 'blank')), undefined);
});
