import {main} from '../src/index.js';
import {type FakeHostOptions, type InProcessRun, fakeHost, fakeHostEnv, runInProcess} from '@vmspawn/testing';

/**
 * Runs main() in-process with captured output and no stdin, on a fake Debian host
 * (@vmspawn/testing's fakeHost: qemu, swtpm and virtiofsd installed, no KVM, no vhost-vsock;
 * Debian 12's firmware descriptors unless env names others), so these tests need none of them
 * installed; e2e/ runs the real ones.
 */
export async function runMain(argv: readonly string[], env: NodeJS.ProcessEnv = fakeHostEnv(), host: FakeHostOptions = {}): Promise<InProcessRun> {
	return runInProcess(async io => main(argv, io), {env, host: fakeHost(host)});
}
