import {CliError, errno} from '@vmspawn/cli';
import {defaultBootEntry, planBoot} from '@vmspawn/boot';
import {type Plan, withSection} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/**
 * The boot section. A directory root without --linux boots the kernel its Boot
 * Loader Specification entries name (Type #1 with its initrds, or a UKI); the
 * entries are the guest's, so those it could not resolve inside its tree are
 * skipped with a warning each.
 */
export function fillBoot(plan: Plan, options: RunOptions): {plan: Plan; warnings: readonly string[]} {
	let result = plan;
	if (!result.boot) {
		result = withSection(
			result,
			'boot',
			planBoot({
				...(options.linux === undefined ? {} : {linux: options.linux}),
				initrds: options.initrds,
				extraArgs: options.extraArgs,
				...(options.smbios11 ? {smbios11: options.smbios11} : {}),
			}),
		);
	} else if (options.extraArgs.length > 0) {
		result = withSection(result, 'boot', {...result.boot, extraArgs: [...result.boot.extraArgs, ...options.extraArgs]});
	}

	const root = result.fs?.root;
	const warnings: string[] = [];
	if (result.boot!.kernel === undefined && root?.kind === 'directory') {
		const entry = defaultBootEntry(root.path, message => warnings.push(message));
		if (!entry) {
			const ignored = warnings.length > 0 ? ` (${warnings.length} ignored, first: ${warnings[0]})` : '';
			throw new CliError(
				`no boot entries found in ${root.path} (looked for boot/loader/entries/*.conf, efi/loader/entries/*.conf and EFI/Linux/*.efi)${ignored}; specify a kernel with --linux=`,
				{exitCode: errno.ENOENT},
			);
		}

		result = withSection(result, 'boot', {...result.boot!, kernel: entry.linux, initrds: [...entry.initrds]});
	}

	return {plan: result, warnings};
}
