import {accessSync, constants, existsSync} from 'node:fs';
import {dirname} from 'node:path';
import {runtimeBaseProblem} from '@vmspawn/host';
import {type CheckResult, fail, ok, warn} from '../check-result.js';
import type {PreflightInput} from '../run-input.js';

/** The accelerator the plan chose, and why when it is not KVM. */
export function checkAccelerator(input: PreflightInput): CheckResult {
	const machine = input.plan.machine;
	if (!machine) {
		return fail('accelerator', 'the plan has no machine section');
	}

	const why = machine.acceleratorReason;
	return machine.accelerator === 'kvm' ? ok('accelerator', 'KVM') : warn('accelerator', `TCG (software emulation, much slower)${why ? `: ${why}` : ''}`);
}

/** vhost-vsock: used, or why not (SSH over vsock, the notify socket and journal forwarding need it). */
export function checkVsock(input: PreflightInput): CheckResult {
	const vsock = input.plan.vsock;
	if (vsock?.enabled) {
		return ok('vsock', `CID ${vsock.cid} (${vsock.cidSource ?? 'planned'}), claimed again when the VM starts`);
	}

	return warn('vsock', `off: ${vsock?.reason ?? 'not planned'}`);
}

/** The runtime directory's parent is safe to use and can take the new directory. */
export function checkRuntimeDir(input: PreflightInput): CheckResult {
	const dir = input.plan.runtime?.dir;
	if (!dir) {
		return fail('runtime directory', 'the plan has no runtime section');
	}

	const parent = dirname(dir);
	if (existsSync(dir)) {
		return fail('runtime directory', `${dir} exists already`);
	}

	// The run would refuse a base another user made, linked or can write to.
	const baseProblem = runtimeBaseProblem(parent, input.env);
	if (baseProblem && baseProblem !== 'missing') {
		return fail('runtime directory', `refusing the runtime directory base ${parent}: ${baseProblem.reason}`);
	}

	try {
		// vmspawn-run creates missing parents; the nearest existing one must be writable.
		let existing = parent;
		while (!existsSync(existing)) {
			existing = dirname(existing);
		}

		accessSync(existing, constants.W_OK | constants.X_OK);
		return ok('runtime directory', `${dir} (created at start, removed on exit)`);
	} catch (error) {
		return fail('runtime directory', `cannot create ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
}
