import {CliError, errno} from '@vmspawn/cli';
import {defaultBootEntry, planBoot} from '@vmspawn/boot';
import {type Plan, withSection} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/**
 * The boot section. A directory root without --linux boots the kernel its Boot
 * Loader Specification entries name (Type #1 with its initrds, or a UKI).
 */
export function fillBoot(plan: Plan, options: RunOptions): Plan {
	let result = plan;
	if (!result.boot) {
		result = withSection(result, 'boot', planBoot({...(options.linux === undefined ? {} : {linux: options.linux}), initrds: options.initrds, extraArgs: options.extraArgs}));
	} else if (options.extraArgs.length > 0) {
		result = withSection(result, 'boot', {...result.boot, extraArgs: [...result.boot.extraArgs, ...options.extraArgs]});
	}

	const root = result.fs?.root;
	if (result.boot!.kernel === undefined && root?.kind === 'directory') {
		const entry = defaultBootEntry(root.path);
		if (!entry) {
			throw new CliError(`no boot entries found in ${root.path} (looked for boot/loader/entries/*.conf, efi/loader/entries/*.conf and EFI/Linux/*.efi); specify a kernel with --linux=`, {exitCode: errno.ENOENT});
		}

		result = withSection(result, 'boot', {...result.boot!, kernel: entry.linux, initrds: [...entry.initrds]});
	}

	return result;
}
