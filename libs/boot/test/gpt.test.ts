import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {parseGpt, readGptPartitions, rootArgumentFor} from '../src/index.js';

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
	const path = disk(
		t,
		'label: gpt\nsize=2M, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=11111111-2222-3333-4444-555555555555\nsize=2M, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE, name="root-x86-64"\n',
	);
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

// The guest is hostile: it writes its own partition table. Whatever the header says, the
// answer is partitions, undefined or one clear error, quickly and without a huge allocation.
type HeaderFields = {entriesLba?: bigint; count?: number; entrySize?: number};

function gptHeader({entriesLba = 2n, count = 128, entrySize = 128}: HeaderFields): Buffer {
	const header = Buffer.alloc(512);
	header.write('EFI PART', 0, 'latin1');
	header.writeBigUInt64LE(entriesLba, 72);
	header.writeUInt32LE(count, 80);
	header.writeUInt32LE(entrySize, 84);
	return header;
}

function hostileDisk(t: {teardown(fn: () => void): void}, fields: HeaderFields, size = 64 * 1024): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-gpt-test-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const image = Buffer.alloc(size);
	gptHeader(fields).copy(image, 512);
	writeFileSync(join(directory, 'disk.raw'), image);
	return join(directory, 'disk.raw');
}

for (const [what, fields, message] of [
	['an entry size of 0 (looped forever)', {entrySize: 0}, /partition entry size 0 \(expected 128 to 4096, a multiple of 8\)$/],
	['an entry size of 4 GiB (allocated it)', {entrySize: 0xffff_fff8, count: 1}, /partition entry size 4294967288 \(expected 128 to 4096, a multiple of 8\)$/],
	['an entry size not a multiple of 8', {entrySize: 129}, /partition entry size 129 /],
	['four billion entries', {count: 0xffff_ffff}, /4294967295 partition entries \(at most 1024\)$/],
	['a table past the end of the image', {entriesLba: 1000n}, /partition table at LBA 1000 ends past the end of the image$/],
	['an absurd table LBA', {entriesLba: 0xffff_ffff_ffff_ffffn}, /partition table at LBA 18446744073709551615 ends past the end of the image$/],
	['a table that overlaps the header', {entriesLba: 1n}, /partition table at LBA 1 overlaps the GPT header$/],
] as const) {
	test(`attack: a GPT header with ${what} is one clear error, at once`, async t => {
		const path = hostileDisk(t, fields);
		// A hang would be a synchronous loop: timed on the pure parser, where other tests cannot interleave.
		const start = performance.now();
		t.throws(() => parseGpt(readFileSync(path)), {instanceOf: CliError, message});
		t.true(performance.now() - start < 1000, `${performance.now() - start} ms`);
		const error = await t.throwsAsync(readGptPartitions(path), {instanceOf: CliError, message});
		t.regex(error?.message ?? '', /^corrupt GPT in .*disk\.raw: /);
	});
}

test('attack: an image cut short inside its partition table is a clear error', async t => {
	const path = hostileDisk(t, {}, 1024 + 100);
	await t.throwsAsync(readGptPartitions(path), {instanceOf: CliError, message: /partition table at LBA 2 ends past the end of the image$/});
});

test('a GPT parsed from bytes is the same as one read from the file', async t => {
	const path = disk(t, 'label: gpt\nsize=2M, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE, name="root-x86-64"\n');
	t.deepEqual(parseGpt(readFileSync(path).subarray(0, 64 * 1024)), await readGptPartitions(path));
	t.is(parseGpt(Buffer.alloc(100)), undefined);
});
