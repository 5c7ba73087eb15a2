import {probeKvm} from '@vmspawn/host';
import {hostQemuArch} from '@vmspawn/qemu';
import {main} from '../src/index.js';
import {type InProcessRun, runInProcess} from '@vmspawn/testing';

/** Runs main() in-process with captured output and no stdin. */
export async function runMain(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<InProcessRun> {
	return runInProcess(async io => main(argv, io), {env});
}

/** Whether KVM can run guests here, as vmspawn-run's --kvm=auto decides it: tests of the other case skip. */
export const kvmUsable = probeKvm(hostQemuArch() ?? process.arch).state === 'available';
