import type {ExecutionContext} from 'ava';
import type {FsHost} from '@vmspawn/fs';
import {main} from '../src/index.js';
import {type InProcessRun, runInProcess} from '@vmspawn/testing';

/** A host with the C virtiofsd as Debian bookworm has it; nothing is run. */
export const bookwormHost: FsHost = {
	virtiofsd: () => ({
		path: '/usr/lib/qemu/virtiofsd',
		features: {flavour: 'c', readOnly: false, translateIds: false, namespaceIdMap: false, noAnnounceSubmounts: false},
	}),
	readOnlyTools: () => ({unshare: '/usr/bin/unshare', mount: '/usr/bin/mount', shell: '/bin/sh'}),
	asRoot: true,
	users: {user: () => undefined, group: () => undefined},
};

/** Runs main() in-process with captured output; `stdin` is given as a file, as a shell redirect would. */
export async function runMain(_t: ExecutionContext, argv: readonly string[], options: {stdin?: string; cwd?: string} = {}): Promise<InProcessRun> {
	return runInProcess(async io => main(argv, io, bookwormHost), {...options, env: {VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'}});
}
