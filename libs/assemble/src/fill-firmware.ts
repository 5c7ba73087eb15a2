import {UsageError} from '@vmspawn/cli';
import {planFirmware} from '@vmspawn/firmware';
import type {Plan} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

// The architectures whose qemu machines boot a BIOS (SeaBIOS) when given no firmware.
const builtinBiosArches: ReadonlySet<string> = new Set(['x86_64', 'i386']);

/** The plan without firmware: qemu's own BIOS (bios), or only the kernel loader (none). */
function withoutFirmware(plan: Plan, keyword: 'bios' | 'none'): Plan {
	if (keyword === 'none' && !plan.boot?.kernel) {
		throw new UsageError('--firmware=none needs a kernel to boot: use --linux=');
	}

	const arch = plan.machine?.arch;
	if (keyword === 'bios' && arch !== undefined && !builtinBiosArches.has(arch)) {
		throw new UsageError(`invalid --firmware=bios: qemu has a built-in BIOS on x86 only, not on ${arch}`);
	}

	// null, not absent: "no firmware" is a decision a later stage must not undo.
	// Both are no pflash to qemu; on x86 that boots SeaBIOS, which also loads a --linux kernel.
	return {...plan, firmware: null};
}

/** The firmware section from the options: selected from the descriptors, or none for qemu's built-in BIOS. */
export function fillFirmware(plan: Plan, options: RunOptions, env: NodeJS.ProcessEnv): {plan: Plan; warnings: readonly string[]} {
	const keyword = options.firmware?.firmware;
	if (keyword === 'bios' || keyword === 'none') {
		return {plan: withoutFirmware(plan, keyword), warnings: []};
	}

	const {plan: result, warnings} = planFirmware(plan, {...options.firmware, env});
	return {plan: result, warnings};
}
