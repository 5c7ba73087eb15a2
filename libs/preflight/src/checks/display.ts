import {checkGuiDisplay} from '@vmspawn/qemu';
import {type CheckResult, fail, ok} from '../check-result.js';
import type {PreflightInput} from '../run-input.js';

/** For --console=gui: whether qemu can open a window here (the run refuses otherwise); nothing for other modes. */
export async function checkDisplay(input: PreflightInput): Promise<CheckResult[]> {
	const binary = input.argv[0];
	if (input.plan.console?.mode !== 'gui' || binary === undefined) {
		return [];
	}

	const problem = await checkGuiDisplay(binary, input.env, input.host.run);
	return [problem ? fail('display', problem) : ok('display', 'qemu can open a window')];
}
