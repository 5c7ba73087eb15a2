import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A private scratch directory, removed after the test. */
export async function scratch(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'vmspawn-host-test-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

/** Another user's uid (nobody): only root can give files away to stand in for a hostile local user. */
export const otherUid = 65_534;
export const isRoot = process.getuid?.() === 0;
export const needsRootReason = 'needs root: files of another user are made with chown';
