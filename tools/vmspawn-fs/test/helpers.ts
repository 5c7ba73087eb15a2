import type {ExecutionContext} from 'ava';
import {main} from '../src/index.js';
import {type InProcessRun, fakeHost, fixtureText, runInProcess} from '@vmspawn/testing';

/** A host with only the C virtiofsd, as Debian bookworm has it; nothing is run. */
export const bookwormHost = fakeHost({
	withPrograms: {virtiofsd: '/usr/lib/qemu/virtiofsd'},
	answers: {'/usr/lib/qemu/virtiofsd --help': {stdout: fixtureText('virtiofsd/virtiofsd-c-qemu-7.2.help.txt')}},
});

/** Runs main() in-process with captured output; `stdin` is given as a file, as a shell redirect would. */
export async function runMain(_t: ExecutionContext, argv: readonly string[], options: {stdin?: string; cwd?: string} = {}): Promise<InProcessRun> {
	return runInProcess(async io => main(argv, io), {...options, env: {VMSPAWN_RUNTIME_DIR: '/run/vmspawn-test'}, host: bookwormHost});
}
