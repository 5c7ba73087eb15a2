import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ExecutionContext} from 'ava';

/** A fresh directory removed after the test; short, so socket paths stay under 108 bytes. */
export async function tempDir(t: ExecutionContext): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'cred-'));
	t.teardown(async () => rm(dir, {recursive: true, force: true}));
	return dir;
}
